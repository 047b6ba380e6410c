package alert_test

import (
	"fmt"

	"github.com/fountain-go/fountain/sources/alert"
)

// One alert, one schemaless Avro datum, as the alert streams send them.
func ExampleEncodeZTF() {
	rb := float32(0.93)
	a := &alert.ZTF{SchemaVsn: "4.02", ObjectID: "ZTF23abcdefg", Candid: 2400000000000000123,
		Candidate: alert.Candidate{JD: 2460000.75, Fid: 2, MagPSF: 18.4, RB: &rb, IsDiffPos: "t"}}
	b, err := alert.EncodeZTF(a)
	if err != nil {
		fmt.Println(err)
		return
	}
	back, err := alert.DecodeZTF(b)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(back.ObjectID, back.Candid, back.Candidate.MagPSF, *back.Candidate.RB)
	// Output: ZTF23abcdefg 2400000000000000123 18.4 0.93
}
