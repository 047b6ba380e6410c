package cell

import (
	"go/ast"
	"go/token"
	"regexp"
	"strconv"
	"strings"
)

// yaegi gives a struct's unexported fields exported names in reflect ("a"
// becomes "Xa"), so that it can set them: encoding/json and the frames
// package, which skip unexported fields, wrote them out ({"Xa":1,"B":2}
// for struct{ a, B int }). hideUnexported tags each such field to be left
// out by them, as Go leaves it out (a tag of the field's own for those
// keys does not make Go write an unexported field either).
const hiddenTag = `json:"-" xml:"-" frame:"-"`

// tagKeyRE matches the tag keys hiddenTag sets, with their values.
var tagKeyRE = regexp.MustCompile(`\b(json|xml|frame):"[^"]*"\s*`)

// hideUnexported tags the unexported fields of the struct types in f.
func (c *compiler) hideUnexported(f *ast.File, off func(token.Pos) int) {
	ast.Inspect(f, func(n ast.Node) bool {
		st, ok := n.(*ast.StructType)
		if !ok || st.Fields == nil {
			return true
		}
		for _, fld := range st.Fields.List {
			if len(fld.Names) == 0 || !allUnexported(fld.Names) {
				continue // embedded fields promote theirs; mixed names share one tag
			}
			if fld.Tag == nil {
				at := off(fld.Type.End())
				c.edits = append(c.edits, edit{at, at, " `" + hiddenTag + "`"})
				continue
			}
			old, err := strconv.Unquote(fld.Tag.Value)
			if err != nil {
				continue
			}
			tag := strings.TrimSpace(hiddenTag + " " + tagKeyRE.ReplaceAllString(old, ""))
			lit := "`" + tag + "`"
			if strings.Contains(tag, "`") {
				lit = strconv.Quote(tag)
			}
			c.edits = append(c.edits, edit{off(fld.Tag.Pos()), off(fld.Tag.End()), lit})
		}
		return true
	})
}

// allUnexported reports whether none of names is exported.
func allUnexported(names []*ast.Ident) bool {
	for _, n := range names {
		if n.IsExported() {
			return false
		}
	}
	return true
}
