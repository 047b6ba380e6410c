package cell

import (
	"slices"
	"testing"
)

func TestArgVerbs(t *testing.T) {
	for _, tc := range []struct {
		format string
		n      int
		want   string
		ok     bool
	}{
		{"%v %d %s", 3, "vds", true},
		{"100%% %T %#v %+v", 3, "T#+", true},
		{"%*d %.*f %-8q", 5, " d fq", true},
		{"%[2]v %[1]v", 2, "vv", true},
		{"%[2]v %d %[1]*d", 3, " vd", true},
		{"%[1]v %[1]d", 1, "v", true}, // the verb that uses methods decides
		{"%[x]v", 1, "", false},
		{"%v", 3, "v\x00\x00", true},
		{"%v %v %v", 1, "v", true},
	} {
		got, _, ok := ArgVerbs(tc.format, tc.n)
		if ok != tc.ok || ok && !slices.Equal(got, []rune(tc.want)) {
			t.Errorf("ArgVerbs(%q, %d) = %q, %v; want %q, %v", tc.format, tc.n, string(got), ok, tc.want, tc.ok)
		}
	}
}

// TestTypeVerbRewrites: an argument of %T goes with its type's name where
// the source spells it, else as an element of an array of any; other
// arguments and other calls stay.
func TestTypeVerbRewrites(t *testing.T) {
	decl := "type MyInt int\ntype Shape interface{ Area() float64 }\n"
	compilesTo(t, []string{"v", "w"}, []struct{ src, want string }{
		{decl + "x := MyInt(2)\nfmt.Printf(\"%v %T\\n\", x, x)", `fmt.Printf("%v %T\n", x, ` + HelperTyped + `(x, "main.MyInt"))`},
		{decl + "var xs []MyInt\nfmt.Printf(\"%T\", xs)", HelperTyped + `(xs, "[]main.MyInt")`},
		{decl + "x := MyInt(2)\nfmt.Printf(\"%T\", &x)", HelperTyped + `(&x, "*main.MyInt")`},
		{decl + "s := fmt.Sprintf(\"%d %T\", 1, MyInt(3))", HelperTyped + `(MyInt(3), "main.MyInt")`},
		{decl + "var s Shape\nfmt.Printf(\"%T\", s)", `fmt.Printf("%T", [1]interface{}{s}[0])`},
		{"fmt.Fprintf(w, \"%T %T\", v, nil)", `fmt.Fprintf(w, "%T %T", [1]interface{}{v}[0], nil)`},
		{"err := fmt.Errorf(\"%T: %w\", v, w)", `fmt.Errorf("%T: %w", [1]interface{}{v}[0], w)`},
		{"fmt.Printf(\"%v\", v)", `fmt.Printf("%v", v)`},
		{"fmt.Printf(\"%[1]T\", v)", `fmt.Printf("%[1]T", [1]interface{}{v}[0])`},
		{"w.Printf(\"%T\", v)", `w.Printf("%T", v)`},
	})
	// Slices, arrays and maps of types that are not structs and print
	// themselves go with their types' names; values of such types alone,
	// and of others, as they are.
	band := "type Band int\nfunc (b Band) String() string { return \"b\" }\n"
	compilesTo(t, []string{"v"}, []struct{ src, want string }{
		{band + "bs := []Band{1}\nfmt.Println(bs, Band(1), []int{2})", `fmt.Println(` + HelperTyped + `(bs, "[]main.Band"), Band(1), []int{2})`},
		{band + "m := map[string]Band{}\nfmt.Sprintf(\"%d %v\", m, m)", `fmt.Sprintf("%d %v", m, ` + HelperTyped + `(m, "map[string]main.Band"))`},
		{band + "bs := []Band{1}\nbs", HelperShow + "(" + HelperTyped + `(bs, "[]main.Band"))`},
		{band + "Band(1)", HelperShow + "(Band(1))"},
		{"type Plain int\nps := []Plain{1}\nfmt.Println(ps)", "fmt.Println(ps)"},
	})
}

// TestJSONTypeRewrites: the value json encodes or decodes into goes with
// its type's name when that holds a type of the cells with JSON or text
// methods.
func TestJSONTypeRewrites(t *testing.T) {
	color := "import \"encoding/json\"\ntype Color int\nfunc (c Color) MarshalText() ([]byte, error) { return nil, nil }\n"
	compilesTo(t, nil, []struct{ src, want string }{
		{color + "m := map[Color]int{}\nb, _ := json.Marshal(m)", "json.Marshal(" + HelperTyped + `(m, "map[main.Color]int"))`},
		{color + "var m map[Color]int\njson.Unmarshal(nil, &m)", "json.Unmarshal(nil, " + HelperTyped + `(&m, "*map[main.Color]int"))`},
		{"import \"encoding/json\"\ntype P int\nm := map[P]int{}\nb, _ := json.Marshal(m)", "json.Marshal(m)"},
		{color + "enc := json.NewEncoder(nil)\nvar c Color\nenc.Encode(c)", HelperJSONEncode + `(enc, c, "main.Color")`},
		{color + "json.NewDecoder(nil).Decode(nil)", HelperJSONDecode + "(json.NewDecoder(nil), nil)"},
		{"type G struct{}\nfunc (G) Encode(any) {}\nvar g G\ng.Encode(1)", "g.Encode(1)"},
	})
}
