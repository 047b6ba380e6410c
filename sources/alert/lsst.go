package alert

import (
	_ "embed"

	"github.com/hamba/avro/v2"
)

// LSST is one LSST-style alert (field names of the Rubin alert_packet schema).
type LSST struct {
	DiaSourceID       int64       `avro:"diaSourceId" json:"diaSourceId"`
	ObservationReason *string     `avro:"observation_reason" json:"observation_reason"`
	DiaSource         DiaSource   `avro:"diaSource" json:"diaSource"`
	PrvDiaSources     []DiaSource `avro:"prvDiaSources" json:"prvDiaSources"`
	DiaObject         *DiaObject  `avro:"diaObject" json:"diaObject"`
	CutoutDifference  []byte      `avro:"cutoutDifference" json:"cutoutDifference"` // gzipped FITS, or nil
	CutoutScience     []byte      `avro:"cutoutScience" json:"cutoutScience"`
	CutoutTemplate    []byte      `avro:"cutoutTemplate" json:"cutoutTemplate"`
}

// DiaSource is a detection on a difference image. Fluxes are in nJy.
type DiaSource struct {
	DiaSourceID    int64    `avro:"diaSourceId" json:"diaSourceId"`
	Visit          int64    `avro:"visit" json:"visit"`
	Detector       int32    `avro:"detector" json:"detector"`
	DiaObjectID    *int64   `avro:"diaObjectId" json:"diaObjectId"`
	SSObjectID     *int64   `avro:"ssObjectId" json:"ssObjectId"`
	MidpointMjdTai float64  `avro:"midpointMjdTai" json:"midpointMjdTai"`
	RA             float64  `avro:"ra" json:"ra"`
	Dec            float64  `avro:"dec" json:"dec"`
	Band           *string  `avro:"band" json:"band"`
	PsfFlux        *float32 `avro:"psfFlux" json:"psfFlux"`
	PsfFluxErr     *float32 `avro:"psfFluxErr" json:"psfFluxErr"`
	SNR            *float32 `avro:"snr" json:"snr"`
	Reliability    *float32 `avro:"reliability" json:"reliability"`
	IsNegative     *bool    `avro:"isNegative" json:"isNegative"`
}

// DiaObject is the object a source belongs to.
type DiaObject struct {
	DiaObjectID          int64    `avro:"diaObjectId" json:"diaObjectId"`
	RA                   float64  `avro:"ra" json:"ra"`
	Dec                  float64  `avro:"dec" json:"dec"`
	FirstDiaSourceMjdTai *float64 `avro:"firstDiaSourceMjdTai" json:"firstDiaSourceMjdTai"`
	NDiaSources          int32    `avro:"nDiaSources" json:"nDiaSources"`
}

// LSSTSchemaJSON is fountain's Avro schema for LSST-style alerts: a subset
// of the Rubin alert_packet schema with the same names and types.
//
//go:embed lsst.avsc
var LSSTSchemaJSON string

var lsstSchemaOnce = embedded("LSST", LSSTSchemaJSON)

// LSSTSchema returns the parsed LSST-style schema.
func LSSTSchema() avro.Schema { return lsstSchemaOnce() }

// EncodeLSST encodes a as one schemaless Avro datum.
func EncodeLSST(a *LSST) ([]byte, error) { return encode(LSSTSchema(), a, a.DiaSourceID) }

// DecodeLSST decodes one schemaless Avro datum written with the LSST-style schema.
func DecodeLSST(b []byte) (*LSST, error) { return decode[LSST](LSSTSchema(), b, "LSST") }
