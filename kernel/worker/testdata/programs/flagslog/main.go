// Command-line flags with a FlagSet and a custom flag type, structured
// logging with log/slog to a buffer, and the log package's prefixes.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"log"
	"log/slog"
	"strings"
)

type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error {
	if v == "" {
		return errors.New("empty value")
	}
	*l = append(*l, v)
	return nil
}

type config struct {
	name    string
	verbose bool
	count   int
	tags    listFlag
}

func parse(args []string) (config, []string, error) {
	var c config
	fs := flag.NewFlagSet("tool", flag.ContinueOnError)
	var usage bytes.Buffer
	fs.SetOutput(&usage)
	fs.StringVar(&c.name, "name", "world", "who to greet")
	fs.BoolVar(&c.verbose, "v", false, "verbose")
	fs.IntVar(&c.count, "n", 1, "repetitions")
	fs.Var(&c.tags, "tag", "a tag (repeatable)")
	err := fs.Parse(args)
	return c, fs.Args(), err
}

func main() {
	for _, args := range [][]string{
		{"-name", "gopher", "-n=3", "-tag", "a", "-tag", "b", "rest", "x"},
		{"-v"},
		{"-n", "notanumber"},
		{"-tag", ""},
		{"-unknown"},
	} {
		c, rest, err := parse(args)
		fmt.Printf("%+v %q %v\n", struct {
			Name    string
			Verbose bool
			Count   int
			Tags    string
		}{c.name, c.verbose, c.count, c.tags.String()}, rest, err)
	}
	var buf bytes.Buffer
	h := slog.NewTextHandler(&buf, &slog.HandlerOptions{
		Level: slog.LevelDebug,
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	})
	logger := slog.New(h).With("service", "demo")
	logger.Info("started", "port", 8080, "tls", false)
	logger.Debug("detail", slog.Group("req", "id", 7, "path", "/x"))
	logger.Warn("slow", "ms", 250.5)
	logger.With("user", "ann").Error("failed", "err", errors.New("boom"))
	fmt.Print(buf.String())
	var lb strings.Builder
	l := log.New(&lb, "[app] ", 0)
	l.Printf("value=%d", 3)
	l.SetPrefix("[db] ")
	l.Println("connected", true)
	fmt.Print(lb.String())
}
