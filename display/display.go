// Package display builds rich output for notebook cells and sends it to the
// front end: MIME bundles (HTML, Markdown, SVG, images, JSON, LaTeX), display
// handles that update in place from any goroutine, and clear_output.
//
// A value shows itself richly when it is a cell's last expression or is passed
// to Show. Any type can take part without importing this package by having one
// of the methods HTML() string, Markdown() string, SVG() string, PNG() []byte,
// JPEG() []byte, Latex() string or JSON() any; a type that wants full control
// implements Renderer.
//
// Outside a kernel (a plain Go program or test) the output goes to standard
// output as text.
package display

import (
	"encoding/base64"
	"encoding/json"
	"fmt"

	"github.com/fountain-go/fountain/frames"
	"os"
	"sync"
	"sync/atomic"
)

// MIME types the front ends understand.
const (
	MIMEText     = "text/plain"
	MIMEHTML     = "text/html"
	MIMEMarkdown = "text/markdown"
	MIMESVG      = "image/svg+xml"
	MIMEPNG      = "image/png"
	MIMEJPEG     = "image/jpeg"
	MIMEJSON     = "application/json"
	MIMELatex    = "text/latex"
)

// Bundle is rich output: the same content in one or more MIME types, with
// optional per-type metadata. Binary types (images) hold base64 text.
type Bundle struct {
	Data     map[string]any
	Metadata map[string]any
}

// Render returns b itself, so a Bundle is a Renderer.
func (b Bundle) Render() Bundle { return b }

// String returns the text/plain form.
func (b Bundle) String() string {
	if s, ok := b.Data[MIMEText].(string); ok {
		return s
	}
	return fmt.Sprintf("<display %d MIME types>", len(b.Data))
}

// Renderer is implemented by values that render themselves as rich output.
type Renderer interface {
	Render() Bundle
}

func bundle(mime string, v any, plain string) Bundle {
	return Bundle{Data: map[string]any{mime: v, MIMEText: plain}}
}

// Text returns plain text output.
func Text(s string) Bundle { return Bundle{Data: map[string]any{MIMEText: s}} }

// HTML returns HTML output.
func HTML(s string) Bundle { return bundle(MIMEHTML, s, s) }

// Markdown returns Markdown output.
func Markdown(s string) Bundle { return bundle(MIMEMarkdown, s, s) }

// Latex returns LaTeX output, such as "$e^{i\pi} + 1 = 0$".
func Latex(s string) Bundle { return bundle(MIMELatex, s, s) }

// SVG returns an SVG image.
func SVG(s string) Bundle { return bundle(MIMESVG, s, "[SVG image]") }

// PNG returns a PNG image from its encoded bytes.
func PNG(b []byte) Bundle {
	return bundle(MIMEPNG, base64.StdEncoding.EncodeToString(b), fmt.Sprintf("[PNG image, %d bytes]", len(b)))
}

// JPEG returns a JPEG image from its encoded bytes.
func JPEG(b []byte) Bundle {
	return bundle(MIMEJPEG, base64.StdEncoding.EncodeToString(b), fmt.Sprintf("[JPEG image, %d bytes]", len(b)))
}

// JSON returns v as a JSON document, which front ends show as a tree.
// A value that cannot be encoded gives a text error instead.
func JSON(v any) Bundle {
	raw, err := json.Marshal(v)
	if err != nil {
		return Text(fmt.Sprintf("display.JSON: %v", err))
	}
	pretty, _ := json.MarshalIndent(v, "", "  ")
	return bundle(MIMEJSON, json.RawMessage(raw), string(pretty))
}

// The method sets a type can have, without importing display, to render itself.
type (
	htmler     interface{ HTML() string }
	markdowner interface{ Markdown() string }
	svger      interface{ SVG() string }
	pnger      interface{ PNG() []byte }
	jpeger     interface{ JPEG() []byte }
	latexer    interface{ Latex() string }
	jsoner     interface{ JSON() any }
)

// Render converts any value to a Bundle: a Renderer renders itself, a value
// with one or more of the rich methods gets those MIME types, and every bundle
// has a text/plain form as fmt prints the value.
func Render(v any) Bundle {
	switch f := v.(type) {
	case frames.Frame:
		return Table(f)
	case *frames.Frame:
		return Table(*f)
	case *frames.Query:
		// Its table as it is now; Live keeps one up to date.
		return newLive(f, nil).render(false)
	case frames.Stream:
		return Text(f.Explain())
	case Chart:
		return Text(f.String())
	}
	if r, ok := v.(Renderer); ok {
		b := r.Render()
		if b.Data == nil {
			b.Data = map[string]any{}
		}
		if _, ok := b.Data[MIMEText]; !ok {
			b.Data[MIMEText] = fmt.Sprint(v)
		}
		return b
	}
	b := Bundle{Data: map[string]any{MIMEText: fmt.Sprint(v)}}
	if x, ok := v.(htmler); ok {
		b.Data[MIMEHTML] = x.HTML()
	}
	if x, ok := v.(markdowner); ok {
		b.Data[MIMEMarkdown] = x.Markdown()
	}
	if x, ok := v.(svger); ok {
		b.Data[MIMESVG] = x.SVG()
	}
	if x, ok := v.(pnger); ok {
		b.Data[MIMEPNG] = base64.StdEncoding.EncodeToString(x.PNG())
	}
	if x, ok := v.(jpeger); ok {
		b.Data[MIMEJPEG] = base64.StdEncoding.EncodeToString(x.JPEG())
	}
	if x, ok := v.(latexer); ok {
		b.Data[MIMELatex] = x.Latex()
	}
	if x, ok := v.(jsoner); ok {
		if raw, err := json.Marshal(x.JSON()); err == nil {
			b.Data[MIMEJSON] = json.RawMessage(raw)
		}
	}
	return b
}

// Publisher delivers display output to the front end. The kernel installs
// one with SetPublisher; implementations must be safe for concurrent use.
type Publisher interface {
	// Display shows b. A non-empty id names the display so that later
	// calls with update set replace it in place.
	Display(b Bundle, id string, update bool)
	// Clear clears the cell's output, at once or (wait) when new output arrives.
	Clear(wait bool)
}

// publisher is process-wide because cells call Show with no context to pass.
var publisher atomic.Pointer[Publisher]

// SetPublisher installs p as the destination of all display output and
// returns the previous one. A nil p restores the text fallback.
func SetPublisher(p Publisher) Publisher {
	var old *Publisher
	if p == nil {
		old = publisher.Swap(nil)
	} else {
		old = publisher.Swap(&p)
	}
	if old == nil {
		return nil
	}
	return *old
}

func current() Publisher {
	if p := publisher.Load(); p != nil {
		return *p
	}
	return textOut
}

// textPublisher writes the text/plain form, for programs outside a kernel.
type textPublisher struct {
	mu sync.Mutex
}

var textOut = &textPublisher{}

func (t *textPublisher) Display(b Bundle, _ string, _ bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	// os.Stdout is read at each call: it may have been redirected.
	fmt.Fprintln(os.Stdout, b.String())
}

func (t *textPublisher) Clear(bool) {}

// Handle names one display so it can be updated in place.
type Handle struct {
	id string
}

var handles atomic.Uint64

// Show displays v now and returns a handle to update it later.
func Show(v any) *Handle {
	h := &Handle{id: newDisplayID()}
	current().Display(Render(v), h.id, false)
	return h
}

func newDisplayID() string { return fmt.Sprintf("fountain-%d-%d", os.Getpid(), handles.Add(1)) }

// Update replaces the handle's display with v. It is safe to call from any
// goroutine, also after the cell that made the handle has finished.
func (h *Handle) Update(v any) {
	current().Display(Render(v), h.id, true)
}

// ID returns the display_id the front end knows this display by.
func (h *Handle) ID() string { return h.id }

// Clear clears the cell's output now.
func Clear() { current().Clear(false) }

// ClearWait clears the cell's output when the next output arrives, which
// avoids flicker in animations.
func ClearWait() { current().Clear(true) }
