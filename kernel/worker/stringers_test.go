package worker

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
		{"%[2]v %[1]v", 2, "", false},
		{"%v", 3, "v\x00\x00", true},
		{"%v %v %v", 1, "v", true},
	} {
		got, _, ok := argVerbs(tc.format, tc.n)
		if ok != tc.ok || ok && !slices.Equal(got, []rune(tc.want)) {
			t.Errorf("argVerbs(%q, %d) = %q, %v; want %q, %v", tc.format, tc.n, string(got), ok, tc.want, tc.ok)
		}
	}
}
