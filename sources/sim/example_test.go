package sim_test

import (
	"fmt"

	"github.com/fountain-go/fountain/sources/sim"
)

// A survey is a sequence of visits; each visit's alerts come with the true
// kind of their objects, which a filter tries to recover.
func ExampleNew() {
	s := sim.New(sim.Config{Seed: 42})
	v := s.Next()
	counts := map[sim.Kind]int{}
	for _, k := range v.Kinds {
		counts[k]++
	}
	fmt.Printf("field %d, band %s: %d alerts\n", v.Field, sim.ZTFBands[v.Fid-1], len(v.Alerts))
	fmt.Println("first:", v.Alerts[0].ObjectID, v.Alerts[0].Candid)
	// Output:
	// field 300, band g: 221 alerts
	// first: ZTF23aaasyah 2400000000000000001
}
