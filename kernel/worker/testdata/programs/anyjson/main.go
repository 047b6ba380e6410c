// Dynamic values: a hand-written JSON-ish parser to map[string]any, a
// walker with a type switch, path lookups, and pretty printing.
package main

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

type parser struct {
	s   string
	pos int
}

type ParseError struct {
	Pos int
	Msg string
}

func (e ParseError) Error() string { return fmt.Sprintf("at %d: %s", e.Pos, e.Msg) }

func (p *parser) ws() {
	for p.pos < len(p.s) && unicode.IsSpace(rune(p.s[p.pos])) {
		p.pos++
	}
}

func (p *parser) value() (any, error) {
	p.ws()
	if p.pos >= len(p.s) {
		return nil, ParseError{p.pos, "unexpected end"}
	}
	switch c := p.s[p.pos]; {
	case c == '{':
		p.pos++
		obj := map[string]any{}
		for {
			p.ws()
			if p.pos < len(p.s) && p.s[p.pos] == '}' {
				p.pos++
				return obj, nil
			}
			k, err := p.value()
			if err != nil {
				return nil, err
			}
			key, ok := k.(string)
			if !ok {
				return nil, ParseError{p.pos, "key must be a string"}
			}
			p.ws()
			if p.pos >= len(p.s) || p.s[p.pos] != ':' {
				return nil, ParseError{p.pos, "expected :"}
			}
			p.pos++
			v, err := p.value()
			if err != nil {
				return nil, err
			}
			obj[key] = v
			p.ws()
			if p.pos < len(p.s) && p.s[p.pos] == ',' {
				p.pos++
			}
		}
	case c == '[':
		p.pos++
		var arr []any
		for {
			p.ws()
			if p.pos < len(p.s) && p.s[p.pos] == ']' {
				p.pos++
				return arr, nil
			}
			v, err := p.value()
			if err != nil {
				return nil, err
			}
			arr = append(arr, v)
			p.ws()
			if p.pos < len(p.s) && p.s[p.pos] == ',' {
				p.pos++
			}
		}
	case c == '"':
		end := strings.IndexByte(p.s[p.pos+1:], '"')
		if end < 0 {
			return nil, ParseError{p.pos, "unterminated string"}
		}
		str := p.s[p.pos+1 : p.pos+1+end]
		p.pos += end + 2
		return str, nil
	case c == 't' && strings.HasPrefix(p.s[p.pos:], "true"):
		p.pos += 4
		return true, nil
	case c == 'f' && strings.HasPrefix(p.s[p.pos:], "false"):
		p.pos += 5
		return false, nil
	case c == 'n' && strings.HasPrefix(p.s[p.pos:], "null"):
		p.pos += 4
		return nil, nil
	default:
		start := p.pos
		for p.pos < len(p.s) && strings.ContainsRune("+-.eE0123456789", rune(p.s[p.pos])) {
			p.pos++
		}
		f, err := strconv.ParseFloat(p.s[start:p.pos], 64)
		if err != nil {
			return nil, ParseError{start, fmt.Sprintf("bad token %q", p.s[start:min(start+5, len(p.s))])}
		}
		return f, nil
	}
}

func render(v any, indent string, sb *strings.Builder) {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		sb.WriteString("{\n")
		for _, k := range keys {
			sb.WriteString(indent + "  " + strconv.Quote(k) + ": ")
			render(x[k], indent+"  ", sb)
			sb.WriteString("\n")
		}
		sb.WriteString(indent + "}")
	case []any:
		sb.WriteString("[")
		for i, e := range x {
			if i > 0 {
				sb.WriteString(", ")
			}
			render(e, indent, sb)
		}
		sb.WriteString("]")
	case string:
		sb.WriteString(strconv.Quote(x))
	case float64:
		sb.WriteString(strconv.FormatFloat(x, 'g', -1, 64))
	case bool:
		fmt.Fprint(sb, x)
	case nil:
		sb.WriteString("null")
	default:
		fmt.Fprintf(sb, "?%T", x)
	}
}

func lookup(v any, path string) (any, bool) {
	for _, part := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[part]; !ok {
				return nil, false
			}
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}

func count(v any) (n int) {
	switch x := v.(type) {
	case map[string]any:
		for _, e := range x {
			n += count(e)
		}
	case []any:
		for _, e := range x {
			n += count(e)
		}
	default:
		n = 1
	}
	return
}

func main() {
	src := `{"name": "m31", "mag": 3.44, "tags": ["galaxy", "local group"], "obs": [{"band": "g", "n": 3}, {"band": "r", "n": 5e1}], "ok": true, "note": null}`
	p := &parser{s: src}
	v, err := p.value()
	fmt.Println(err)
	var sb strings.Builder
	render(v, "", &sb)
	fmt.Println(sb.String())
	for _, path := range []string{"name", "obs.1.n", "tags.0", "obs.2", "mag.x", "note"} {
		got, ok := lookup(v, path)
		fmt.Printf("%-8s %v %v %T\n", path, got, ok, got)
	}
	fmt.Println(count(v))
	for _, bad := range []string{`{"a": }`, `[1, 2`, `{1: 2}`, `"open`} {
		_, err := (&parser{s: bad}).value()
		var pe ParseError
		fmt.Println(err, errors.As(err, &pe), pe.Pos)
	}
}
