package worker

import (
	"io"
	"log"
	"reflect"
)

// cellLogger is log.Logger as cells see it. yaegi's own stands in for
// log.Logger with a wrapper that calls Panic for Fatal (os.Exit would end
// the evaluator) but lacks SetPrefix, SetFlags' companions and Prefix's
// setter ("undefined method: SetPrefix"); this one has Logger's whole
// method set, Fatal* panicking as yaegi's do, and its print methods format
// the cells' values with their methods, as log's funcs do (logSymbols).
type cellLogger struct {
	l  *log.Logger
	st *stringers
}

// Fatal is Print then a panic (os.Exit would end the evaluator).
func (c *cellLogger) Fatal(v ...any) { c.l.Panic(c.st.args(v)...) }

// Fatalf is Printf then a panic.
func (c *cellLogger) Fatalf(format string, v ...any) {
	format, v = c.st.formatArgs(format, v)
	c.l.Panicf(format, v...)
}

// Fatalln is Println then a panic.
func (c *cellLogger) Fatalln(v ...any) { c.l.Panicln(c.st.args(v)...) }

// Flags returns the logger's output flags.
func (c *cellLogger) Flags() int { return c.l.Flags() }

// Output writes the output for a logging event.
func (c *cellLogger) Output(calldepth int, s string) error { return c.l.Output(calldepth+1, s) }

// Panic is Print then a panic.
func (c *cellLogger) Panic(v ...any) { c.l.Panic(c.st.args(v)...) }

// Panicf is Printf then a panic.
func (c *cellLogger) Panicf(format string, v ...any) {
	format, v = c.st.formatArgs(format, v)
	c.l.Panicf(format, v...)
}

// Panicln is Println then a panic.
func (c *cellLogger) Panicln(v ...any) { c.l.Panicln(c.st.args(v)...) }

// Prefix returns the logger's output prefix.
func (c *cellLogger) Prefix() string { return c.l.Prefix() }

// Print logs its arguments as fmt.Print formats them.
func (c *cellLogger) Print(v ...any) { c.l.Print(c.st.args(v)...) }

// Printf logs its arguments as fmt.Printf formats them.
func (c *cellLogger) Printf(format string, v ...any) {
	format, v = c.st.formatArgs(format, v)
	c.l.Printf(format, v...)
}

// Println logs its arguments as fmt.Println formats them.
func (c *cellLogger) Println(v ...any) { c.l.Println(c.st.args(v)...) }

// SetFlags sets the logger's output flags.
func (c *cellLogger) SetFlags(flag int) { c.l.SetFlags(flag) }

// SetOutput sets the logger's output destination.
func (c *cellLogger) SetOutput(w io.Writer) { c.l.SetOutput(w) }

// SetPrefix sets the logger's output prefix.
func (c *cellLogger) SetPrefix(prefix string) { c.l.SetPrefix(prefix) }

// Writer returns the logger's output destination.
func (c *cellLogger) Writer() io.Writer { return c.l.Writer() }

// loggerSymbols are the members of log that make and are its Logger.
func loggerSymbols(st *stringers) map[string]reflect.Value {
	return map[string]reflect.Value{
		"New": reflect.ValueOf(func(out io.Writer, prefix string, flag int) *cellLogger {
			return &cellLogger{log.New(out, prefix, flag), st}
		}),
		"Default": reflect.ValueOf(func() *cellLogger { return &cellLogger{log.Default(), st} }),
		"Logger":  reflect.ValueOf((*cellLogger)(nil)),
	}
}
