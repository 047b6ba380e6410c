package cell

import (
	"strings"
)

// Completeness tells a console whether src is ready to run: "complete",
// "incomplete" (more lines are expected: open brackets, an unfinished raw
// string) or "invalid"; for incomplete code it suggests the next indent.
func Completeness(src string) (status, indent string) {
	t := strings.TrimSpace(src)
	if t == "" || strings.HasPrefix(t, "%") || strings.HasPrefix(t, "!") || strings.HasSuffix(t, "?") {
		return "complete", ""
	}
	open := openBrackets(src)
	if open < 0 {
		return "invalid", ""
	}
	if open > 0 || unterminated(src) {
		return "incomplete", strings.Repeat("\t", max(open, 0))
	}
	if _, err := Split(src); err != nil {
		return "invalid", ""
	}
	if _, err := Compile(src, syntaxOnly{}); err != nil {
		return "invalid", ""
	}
	return "complete", ""
}

// openBrackets counts brackets left open, ignoring strings, runes and comments.
func openBrackets(src string) int {
	depth := 0
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
			if depth < 0 {
				return -1
			}
		case '"', '\'':
			for i++; i < len(src) && src[i] != c && src[i] != '\n'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
		case '`':
			for i++; i < len(src) && src[i] != '`'; i++ {
			}
		case '/':
			if i+1 < len(src) && src[i+1] == '/' {
				for i < len(src) && src[i] != '\n' {
					i++
				}
			} else if i+1 < len(src) && src[i+1] == '*' {
				end := strings.Index(src[i+2:], "*/")
				if end < 0 {
					return depth
				}
				i += end + 3
			}
		}
	}
	return depth
}

// unterminated reports an open raw string or block comment at the end.
func unterminated(src string) bool {
	_, err := Split(src)
	if err == nil {
		return false
	}
	m := err.Error()
	return strings.Contains(m, "raw string literal not terminated") || strings.Contains(m, "comment not terminated")
}

// syntaxOnly is an Env in which every name is defined, so that Compile
// checks syntax alone.
type syntaxOnly struct{}

func (syntaxOnly) Imported(string) (string, bool)      { return "", false }
func (syntaxOnly) Defined(string) bool                 { return true }
func (syntaxOnly) PackageByName(string) (string, bool) { return "", false }
func (syntaxOnly) PackageName(string) string           { return "" }
func (syntaxOnly) IsInteger(string) bool               { return false }
func (syntaxOnly) HoldsChans(string) bool              { return false }
func (syntaxOnly) VarType(string) string               { return "" }
func (syntaxOnly) HoldsInterface(string) string        { return "" }
func (syntaxOnly) Methods(string) []string             { return nil }
func (syntaxOnly) MethodSig(string, string, string, bool) ([]string, []string, bool, bool) {
	return nil, nil, false, false
}
func (syntaxOnly) FuncSig(string, string) ([]string, []string, bool, bool) {
	return nil, nil, false, false
}
func (syntaxOnly) Interface(string, string) (string, bool) { return "", false }
func (syntaxOnly) Rename(n string) string                  { return n }
func (syntaxOnly) Types() []string                         { return nil }
func (syntaxOnly) Source(string) string                    { return "" }
func (syntaxOnly) Shim(string, string) (string, bool)      { return "", false }
func (syntaxOnly) Typed(int) Typed                         { return Typed{} }
