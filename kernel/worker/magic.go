package worker

import (
	"context"
	"fmt"
	"math"
	"os"
	"os/exec"
	"sort"
	"strings"
	"time"

	"github.com/fountain-go/fountain/display"
	"github.com/fountain-go/fountain/frames"
)

const helpText = `fountain: Go in a notebook

Cells hold Go: imports, declarations and statements in any order. State
persists from cell to cell; the value of a cell's last expression is shown.
Packages of the standard library and fountain are imported when first used.

  name?        show the documentation of name (also pkg.Name?)
  %help        this text
  %reset       forget everything defined so far (a fresh interpreter)
  %env         list environment variables; %env NAME shows one; %env NAME=VALUE sets one
  %time CODE   run CODE (the rest of the cell) and print how long it took
  %streams     list the running streams; %streams stop NAME (or all) stops them
  !command     run a shell command

Rich output: display.HTML, display.Markdown, display.SVG, display.PNG,
display.JPEG, display.JSON, display.Latex, display.Text build values shown as
the last expression; h := display.Show(v) shows v now and h.Update(v) replaces
it in place, from any goroutine; display.Clear() clears the output.
A type shows itself richly with a method HTML() string, Markdown() string,
SVG() string, PNG() []byte, JPEG() []byte or Latex() string.

A running stream (q := s.Start(), or a Stream as a cell's value) shows as a
live table that keeps updating while other cells run.

Interrupt (the stop button) stops a running cell; streams go on.`

// run executes a cell, handling magics, shell escapes and help requests
// before Go code. It returns the last expression's value and any payloads.
func (w *Worker) run(ctx context.Context, code string) (*display.Bundle, []any, error) {
	trimmed := strings.TrimSpace(code)
	switch {
	case trimmed == "":
		return nil, nil, nil
	case strings.HasSuffix(trimmed, "?") && isHelpTarget(strings.TrimSpace(strings.TrimSuffix(trimmed, "?"))):
		return nil, []any{w.sess.page(strings.TrimSpace(strings.TrimSuffix(trimmed, "?")))}, nil
	case strings.HasPrefix(trimmed, "?") && isHelpTarget(strings.TrimSpace(trimmed[1:])):
		return nil, []any{w.sess.page(strings.TrimSpace(trimmed[1:]))}, nil
	case strings.HasPrefix(trimmed, "%"):
		return w.magic(ctx, trimmed)
	case strings.HasPrefix(trimmed, "!"):
		return nil, nil, shell(ctx, trimmed[1:])
	}
	res, err := w.sess.Run(ctx, code)
	return res, nil, err
}

// isHelpTarget reports whether s is an identifier or pkg.Name.
func isHelpTarget(s string) bool {
	if s == "" {
		return false
	}
	for _, part := range strings.Split(s, ".") {
		if part == "" {
			return false
		}
		for i, r := range part {
			if !(r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || i > 0 && '0' <= r && r <= '9') {
				return false
			}
		}
	}
	return true
}

func (w *Worker) magic(ctx context.Context, line string) (*display.Bundle, []any, error) {
	name, rest, _ := strings.Cut(line[1:], " ")
	if i := strings.IndexByte(name, '\n'); i >= 0 {
		name, rest = name[:i], name[i+1:]+" "+rest
	}
	rest = strings.TrimSpace(rest)
	switch name {
	case "help":
		os.Stdout.WriteString(helpText + "\n")
	case "streams":
		return streams(rest)
	case "reset":
		frames.StopAll()
		sess, err := NewSession(&stdinReader{w: w})
		if err != nil {
			return nil, nil, err
		}
		sess.compiling = w.sess.compiling // the standard logger's filter watches it
		w.sess = sess
		fmt.Println("Everything defined so far is forgotten.")
	case "env":
		return nil, nil, w.sess.env(rest)
	case "time":
		start := time.Now()
		res, payload, err := w.run(ctx, rest)
		fmt.Printf("time: %v\n", time.Since(start).Round(time.Microsecond))
		return res, payload, err
	default:
		return nil, nil, &CellError{Name: "UsageError", Value: fmt.Sprintf("unknown magic %%%s (try %%help)", name),
			Traceback: []string{fmt.Sprintf("UsageError: unknown magic %%%s (try %%help)", name)}}
	}
	return nil, nil, nil
}

// streams lists the running queries, or stops some.
func streams(arg string) (*display.Bundle, []any, error) {
	usage := func(msg string) error {
		return &CellError{Name: "UsageError", Value: msg, Traceback: []string{"UsageError: " + msg}}
	}
	running := frames.Running()
	if verb, name, _ := strings.Cut(arg, " "); verb == "stop" {
		name = strings.TrimSpace(name)
		if name == "" {
			return nil, nil, usage("%streams stop NAME (or all)")
		}
		stopped := 0
		for _, q := range running {
			if name == "all" || q.Name() == name {
				q.Stop()
				fmt.Printf("stopped %s\n", q.Name())
				stopped++
			}
		}
		if stopped == 0 {
			return nil, nil, usage(fmt.Sprintf("no running stream named %q (%%streams lists them)", name))
		}
		return nil, nil, nil
	} else if arg != "" {
		return nil, nil, usage("%streams, or %streams stop NAME (or all)")
	}
	if len(running) == 0 {
		fmt.Println("No streams are running.")
		return nil, nil, nil
	}
	var names []string
	var rowsIn, late, state []int64
	var rate []float64
	var wm []string
	for _, q := range running {
		s := q.Stats()
		names = append(names, q.Name())
		rowsIn, late, state = append(rowsIn, s.RowsIn), append(late, s.RowsLate), append(state, int64(s.StateRows))
		rate = append(rate, math.Round(s.Rate))
		w := ""
		if !s.Watermark.IsZero() {
			w = s.Watermark.Format("2006-01-02 15:04:05")
		}
		wm = append(wm, w)
	}
	f := frames.New(frames.Column("stream", names), frames.Column("rows_in", rowsIn), frames.Column("rows_per_s", rate),
		frames.Column("late", late), frames.Column("state_rows", state), frames.Column("watermark", wm))
	b := display.Table(f)
	return &b, nil, nil
}

// env lists, shows or sets environment variables, for cells (through the
// interpreter's os package) and for commands they start alike.
func (s *Session) env(arg string) error {
	switch {
	case arg == "":
		vars := os.Environ()
		sort.Strings(vars)
		for _, v := range vars {
			fmt.Println(v)
		}
	case strings.Contains(arg, "="):
		k, v, _ := strings.Cut(arg, "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if err := os.Setenv(k, v); err != nil {
			return fmt.Errorf("%%env: %w", err)
		}
		if _, err := s.in.Eval(fmt.Sprintf("os.Setenv(%q, %q)", k, v)); err != nil {
			s.ensureImport("os")
			s.in.Eval(fmt.Sprintf("os.Setenv(%q, %q)", k, v))
		}
		fmt.Printf("env: %s=%s\n", k, v)
	default:
		fmt.Println(os.Getenv(arg))
	}
	return nil
}

func (s *Session) ensureImport(p string) {
	if _, ok := s.imported[p]; !ok {
		if _, err := s.in.Eval(fmt.Sprintf("import %q", p)); err == nil {
			s.imported[p] = p
		}
	}
}

// shell runs a command with the cell's output; interrupt kills it.
func shell(ctx context.Context, cmdline string) error {
	cmd := exec.CommandContext(ctx, "/bin/sh", "-c", cmdline)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		return &CellError{Name: "Interrupted", Value: "the command was interrupted", Traceback: []string{"Interrupted"}}
	}
	if err != nil {
		return &CellError{Name: "ShellError", Value: fmt.Sprintf("!%s: %v", strings.TrimSpace(cmdline), err),
			Traceback: []string{fmt.Sprintf("!%s: %v", strings.TrimSpace(cmdline), err)}}
	}
	return nil
}
