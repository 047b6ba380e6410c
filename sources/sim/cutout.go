package sim

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/fountain-go/fountain/sources/alert"
)

// Stamps are 63 x 63 pixels, as ZTF's.
const stampSize = 63

// cutouts draws science, template and difference stamps: a Gaussian PSF on
// a noisy sky, the reference source in the template, their difference. A
// bogus detection gets a sharp, off-shape artefact instead of a PSF.
func cutouts(r *rand.Rand, candid int64, mag, refMag float64, bogus bool) (sci, tmpl, diff *alert.Cutout) {
	flux := func(m float64) float64 { return math.Pow(10, -0.4*(m-25)) }
	sky := 200.0
	sigma := 1.2 + 0.4*r.Float64()
	psf := func(x, y int, amp float64) float64 {
		dx, dy := float64(x-stampSize/2), float64(y-stampSize/2)
		return amp / (2 * math.Pi * sigma * sigma) * math.Exp(-(dx*dx+dy*dy)/(2*sigma*sigma))
	}
	s := make([]float32, stampSize*stampSize)
	t := make([]float32, stampSize*stampSize)
	d := make([]float32, stampSize*stampSize)
	newFlux := flux(mag) - flux(refMag)
	for y := 0; y < stampSize; y++ {
		for x := 0; x < stampSize; x++ {
			ref := psf(x, y, flux(refMag))
			src := psf(x, y, flux(refMag)+math.Max(newFlux, 0))
			if bogus && x == stampSize/2 && y >= stampSize/2-3 && y <= stampSize/2+3 {
				src += 2000 // a column artefact
			}
			i := y*stampSize + x
			s[i] = float32(sky + src + r.NormFloat64()*math.Sqrt(sky))
			t[i] = float32(sky + ref + r.NormFloat64()*math.Sqrt(sky)/3)
			d[i] = s[i] - t[i]
		}
	}
	mk := func(kind string, px []float32) *alert.Cutout {
		return &alert.Cutout{FileName: fmt.Sprintf("candid%d_pid_%s.fits.gz", candid, kind), StampData: gzipFITS(px)}
	}
	return mk("scimref", s), mk("ref", t), mk("diff", d)
}

// gzipFITS encodes a square float32 image as a gzipped FITS file.
func gzipFITS(px []float32) []byte {
	var raw bytes.Buffer
	for _, card := range []string{
		"SIMPLE  =                    T / conforms to FITS standard",
		"BITPIX  =                  -32 / 32-bit IEEE floating point",
		"NAXIS   =                    2",
		fmt.Sprintf("NAXIS1  = %20d", stampSize),
		fmt.Sprintf("NAXIS2  = %20d", stampSize),
		"ORIGIN  = 'fountain simulated survey'",
		"END",
	} {
		fmt.Fprintf(&raw, "%-80s", card)
	}
	pad(&raw, ' ')
	binary.Write(&raw, binary.BigEndian, px) // FITS is big-endian
	pad(&raw, 0)
	var out bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&out, gzip.BestSpeed)
	zw.Write(raw.Bytes())
	zw.Close()
	return out.Bytes()
}

// pad fills to the next multiple of FITS's 2880-byte block.
func pad(b *bytes.Buffer, c byte) {
	for b.Len()%2880 != 0 {
		b.WriteByte(c)
	}
}
