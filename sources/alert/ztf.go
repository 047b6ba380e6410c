// Package alert holds the astronomical alert formats fountain reads and
// writes: ZTF-style alerts (the field names of ZTF alert schema 4.02) with
// their Avro schema, encoded as one schemaless Avro datum per message as the
// ZTF and LSST alert streams do.
package alert

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/hamba/avro/v2"
)

// ZTF is one ZTF-style alert.
type ZTF struct {
	SchemaVsn        string         `avro:"schemavsn" json:"schemavsn"`
	Publisher        string         `avro:"publisher" json:"publisher"`
	ObjectID         string         `avro:"objectId" json:"objectId"`
	Candid           int64          `avro:"candid" json:"candid"`
	Candidate        Candidate      `avro:"candidate" json:"candidate"`
	PrvCandidates    []PrvCandidate `avro:"prv_candidates" json:"prv_candidates"`
	CutoutScience    *Cutout        `avro:"cutoutScience" json:"cutoutScience"`
	CutoutTemplate   *Cutout        `avro:"cutoutTemplate" json:"cutoutTemplate"`
	CutoutDifference *Cutout        `avro:"cutoutDifference" json:"cutoutDifference"`
}

// Candidate is the detection that triggered a ZTF alert.
type Candidate struct {
	JD          float64  `avro:"jd" json:"jd"`
	Fid         int32    `avro:"fid" json:"fid"`
	Pid         int64    `avro:"pid" json:"pid"`
	DiffMagLim  *float32 `avro:"diffmaglim" json:"diffmaglim"`
	ProgramID   int32    `avro:"programid" json:"programid"`
	Candid      int64    `avro:"candid" json:"candid"`
	IsDiffPos   string   `avro:"isdiffpos" json:"isdiffpos"`
	Field       *int32   `avro:"field" json:"field"`
	Rcid        *int32   `avro:"rcid" json:"rcid"`
	RA          float64  `avro:"ra" json:"ra"`
	Dec         float64  `avro:"dec" json:"dec"`
	MagPSF      float32  `avro:"magpsf" json:"magpsf"`
	SigmaPSF    float32  `avro:"sigmapsf" json:"sigmapsf"`
	MagNR       *float32 `avro:"magnr" json:"magnr"`
	SigmaMagNR  *float32 `avro:"sigmagnr" json:"sigmagnr"`
	MagDiff     *float32 `avro:"magdiff" json:"magdiff"`
	FWHM        *float32 `avro:"fwhm" json:"fwhm"`
	Elong       *float32 `avro:"elong" json:"elong"`
	NBad        *int32   `avro:"nbad" json:"nbad"`
	RB          *float32 `avro:"rb" json:"rb"`
	DRB         *float32 `avro:"drb" json:"drb"`
	SSDistNR    *float32 `avro:"ssdistnr" json:"ssdistnr"`
	SSMagNR     *float32 `avro:"ssmagnr" json:"ssmagnr"`
	SSNameNR    *string  `avro:"ssnamenr" json:"ssnamenr"`
	SGScore1    *float32 `avro:"sgscore1" json:"sgscore1"`
	DistPSNR1   *float32 `avro:"distpsnr1" json:"distpsnr1"`
	NDetHist    int32    `avro:"ndethist" json:"ndethist"`
	JDStartHist *float64 `avro:"jdstarthist" json:"jdstarthist"`
	JDEndHist   *float64 `avro:"jdendhist" json:"jdendhist"`
	ObjectIDPS1 *int64   `avro:"objectidps1" json:"objectidps1"`
}

// PrvCandidate is an earlier detection of the same object, or an upper
// limit (a non-detection: Candid, MagPSF and the position are null).
type PrvCandidate struct {
	JD         float64  `avro:"jd" json:"jd"`
	Fid        int32    `avro:"fid" json:"fid"`
	Pid        int64    `avro:"pid" json:"pid"`
	DiffMagLim *float32 `avro:"diffmaglim" json:"diffmaglim"`
	ProgramID  int32    `avro:"programid" json:"programid"`
	Candid     *int64   `avro:"candid" json:"candid"`
	IsDiffPos  *string  `avro:"isdiffpos" json:"isdiffpos"`
	Field      *int32   `avro:"field" json:"field"`
	Rcid       *int32   `avro:"rcid" json:"rcid"`
	RA         *float64 `avro:"ra" json:"ra"`
	Dec        *float64 `avro:"dec" json:"dec"`
	MagPSF     *float32 `avro:"magpsf" json:"magpsf"`
	SigmaPSF   *float32 `avro:"sigmapsf" json:"sigmapsf"`
	RB         *float32 `avro:"rb" json:"rb"`
}

// Cutout is a gzipped FITS image stamp around the candidate.
type Cutout struct {
	FileName  string `avro:"fileName" json:"fileName"`
	StampData []byte `avro:"stampData" json:"stampData"`
}

// ZTFSchemaJSON is fountain's Avro schema for ZTF-style alerts: a subset of
// ZTF alert schema 4.02, with the same names, types and nesting.
//
//go:embed ztf.avsc
var ZTFSchemaJSON string

var ztfSchemaOnce = embedded("ZTF", ZTFSchemaJSON)

// ZTFSchema returns the parsed ZTF-style schema.
func ZTFSchema() avro.Schema { return ztfSchemaOnce() }

// EncodeZTF encodes a as one schemaless Avro datum.
func EncodeZTF(a *ZTF) ([]byte, error) { return encode(ZTFSchema(), a, a.ObjectID) }

// DecodeZTF decodes one schemaless Avro datum written with the ZTF-style schema.
func DecodeZTF(b []byte) (*ZTF, error) { return decode[ZTF](ZTFSchema(), b, "ZTF") }

// embedded parses an embedded schema once, on first use.
func embedded(name, text string) func() avro.Schema {
	parsed := sync.OnceValues(func() (avro.Schema, error) { return avro.Parse(text) })
	return func() avro.Schema {
		s, err := parsed()
		if err != nil {
			panic(fmt.Sprintf("alert: embedded %s schema: %v", name, err)) // a build defect, caught by tests
		}
		return s
	}
}

func encode(s avro.Schema, v any, id any) ([]byte, error) {
	b, err := avro.Marshal(s, v)
	if err != nil {
		return nil, fmt.Errorf("encode alert %v: %w", id, err)
	}
	return b, nil
}

func decode[T any](s avro.Schema, b []byte, kind string) (*T, error) {
	var a T
	if err := avro.Unmarshal(s, b, &a); err != nil {
		return nil, fmt.Errorf("decode %s alert: %w", kind, err)
	}
	return &a, nil
}
