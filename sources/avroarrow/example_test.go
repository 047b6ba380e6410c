package avroarrow_test

import (
	"fmt"

	"github.com/fountain-go/fountain/sources/alert"
	"github.com/fountain-go/fountain/sources/avroarrow"
	"github.com/fountain-go/fountain/sources/sim"
)

// Alerts decode straight into an Arrow record batch: nested records become
// struct columns, prv_candidates a list column.
func ExampleNewDecoder() {
	dec, err := avroarrow.NewDecoder(alert.ZTFSchema(), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer dec.Release()
	for _, a := range sim.New(sim.Config{Seed: 1}).Next().Alerts[:3] {
		b, _ := alert.EncodeZTF(a)
		if err := dec.Append(b); err != nil {
			fmt.Println(err)
		}
	}
	if err := dec.Append([]byte("not an alert")); err != nil {
		fmt.Println("rejected:", err != nil)
	}
	rec := dec.NewRecord()
	defer rec.Release()
	fmt.Println(rec.NumRows(), "rows;", rec.Schema().Field(4).Name, rec.Schema().Field(4).Type.Name())
	// Output:
	// rejected: true
	// 3 rows; candidate struct
}
