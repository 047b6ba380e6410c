// Package sim simulates a sky survey that emits astronomical alerts: a
// population of periodic variable stars, supernova-like transients, AGN-like
// stochastic variables, moving solar-system objects and bogus detections,
// observed field by field in visits of about 30 seconds through g, r and i
// filters, ZTF-style. Everything is determined by the seed.
//
// Simulated time is Julian date and runs as fast as the caller asks for
// visits: a night can pass in minutes.
package sim

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/fountain-go/fountain/sources/alert"
)

// Kind is what an object really is; alerts do not carry it, filters try to
// recover it.
type Kind int

// The kinds of simulated object.
const (
	VariableStar Kind = iota
	Supernova
	AGN
	Asteroid
	Bogus
)

var kindNames = [...]string{"variable star", "supernova", "agn", "asteroid", "bogus"}

// String names the kind ("supernova").
func (k Kind) String() string { return kindNames[k] }

// Config sets up a survey.
type Config struct {
	Seed    uint64  // same seed, same alerts
	Fields  int     // fields in the footprint (default 24)
	Objects int     // objects per field (default 400)
	StartJD float64 // first visit (default 2460000.5, a night in 2023)
	Cutouts bool    // attach gzipped FITS stamps (about 40 KB an alert)
	LSST    bool    // LSST-style alerts through ugrizy instead of ZTF-style through gri
	// NoHistory makes candidate-only alerts: no prv_candidates (nor
	// prvDiaSources), a fifth of the bytes. The sky is the same.
	NoHistory bool
}

// Bands are the filters of each survey, by filter ID (1-based).
var (
	ZTFBands  = []string{"g", "r", "i"}
	LSSTBands = []string{"u", "g", "r", "i", "z", "y"}
)

// Visit is one exposure: a field through a filter, and its alerts.
type Visit struct {
	JD     float64
	Field  int32
	Fid    int32
	Alerts []*alert.ZTF  // ZTF-style alerts (always made: they carry the observation)
	LSST   []*alert.LSST // LSST-style alerts, when Config.LSST
	// Kinds gives the true kind of each alert's object, for tests and for
	// scoring filters.
	Kinds []Kind
}

// Survey produces visits, one after another.
type Survey struct {
	cfg     Config
	rng     *rand.Rand
	fields  []field
	jd      float64
	visit   int
	candid  int64
	pid     int64
	filters []int32
	colour  map[int32]float64 // magnitude offset from r by filter ID
}

type field struct {
	id      int32
	ra, dec float64
	objects []*object
}

type object struct {
	kind     Kind
	id       string
	ra, dec  float64
	base     float64 // quiescent magnitude in r
	amp      float64 // variable amplitude [mag]
	period   float64 // [days]
	phase    float64
	peakJD   float64 // supernova peak
	peakMag  float64
	dra      float64 // asteroid motion [deg/day]
	ddec     float64
	name     string  // asteroid designation
	agn      float64 // current AGN offset [mag]
	agnJD    float64
	ps1      int64
	sgscore  float32
	history  []alert.PrvCandidate
	ndet     int32
	firstDet float64
}

// Visit length: a 30 s exposure and 10 s of overhead.
const visitDays = 40.0 / 86400

// New sets up a survey.
func New(cfg Config) *Survey {
	if cfg.Fields <= 0 {
		cfg.Fields = 24
	}
	if cfg.Objects <= 0 {
		cfg.Objects = 400
	}
	if cfg.StartJD == 0 {
		cfg.StartJD = 2460000.5
	}
	s := &Survey{
		cfg:     cfg,
		rng:     rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15)),
		jd:      cfg.StartJD,
		candid:  2_400_000_000_000_000_000, // above 2^53, as real candids are: ids must stay exact
		pid:     2_400_000_000,
		filters: []int32{1, 2, 1, 2, 3},
		colour:  map[int32]float64{1: 0.3, 2: 0, 3: -0.2},
	}
	if cfg.LSST {
		s.filters = []int32{2, 3, 4, 3, 2, 5, 1, 6}
		s.colour = map[int32]float64{1: 0.9, 2: 0.3, 3: 0, 4: -0.2, 5: -0.3, 6: -0.35}
	}
	for f := 0; f < cfg.Fields; f++ {
		fd := field{id: int32(300 + f*17), ra: math.Mod(15*float64(f)+7, 360), dec: -20 + 55*s.rng.Float64()}
		for i := 0; i < cfg.Objects; i++ {
			fd.objects = append(fd.objects, s.newObject(fd, f, i))
		}
		s.fields = append(s.fields, fd)
	}
	return s
}

// Population mix, by fraction of objects per field.
var mix = []struct {
	kind Kind
	frac float64
}{{VariableStar, 0.45}, {Supernova, 0.12}, {AGN, 0.13}, {Asteroid, 0.10}, {Bogus, 0.20}}

func (s *Survey) newObject(fd field, f, i int) *object {
	r := s.rng.Float64()
	kind := Bogus
	for _, m := range mix {
		if r < m.frac {
			kind = m.kind
			break
		}
		r -= m.frac
	}
	o := &object{
		kind: kind,
		id:   objectID(uint64(f)*1_000_003 + uint64(i) + s.cfg.Seed*7919),
		ra:   fd.ra + (s.rng.Float64()-0.5)*3.5,
		dec:  fd.dec + (s.rng.Float64()-0.5)*3.5,
		base: 15 + 5*s.rng.Float64(),
		ps1:  100_000_000_000_000_000 + s.rng.Int64N(1e16),
	}
	switch kind {
	case VariableStar:
		o.amp = 0.2 + 0.8*s.rng.Float64()
		o.period = 0.2 + 10*math.Pow(s.rng.Float64(), 2)
		o.phase = s.rng.Float64()
		o.sgscore = 0.8 + 0.2*float32(s.rng.Float64())
	case Supernova:
		o.peakJD = s.cfg.StartJD - 20 + 40*s.rng.Float64()
		o.peakMag = 17 + 2.5*s.rng.Float64()
		o.base = 22 // the host is faint
		o.sgscore = 0.1 * float32(s.rng.Float64())
	case AGN:
		o.amp = 0.3 + 0.5*s.rng.Float64()
		o.sgscore = 0.05 + 0.3*float32(s.rng.Float64())
		o.agnJD = s.cfg.StartJD
	case Asteroid:
		o.dra = (0.05 + 0.5*s.rng.Float64()) * sign(s.rng)
		o.ddec = (0.02 + 0.2*s.rng.Float64()) * sign(s.rng)
		o.base = 17.5 + 3*s.rng.Float64()
		o.name = fmt.Sprintf("%d", 10_000+s.rng.IntN(600_000))
	case Bogus:
		o.base = 18 + 2.5*s.rng.Float64()
	}
	return o
}

func sign(r *rand.Rand) float64 {
	if r.IntN(2) == 0 {
		return -1
	}
	return 1
}

// objectID makes a ZTF-style name: "ZTF" + two-digit year + seven letters.
func objectID(n uint64) string {
	b := []byte("ZTF23aaaaaaa")
	for i := len(b) - 1; i >= 5; i-- {
		b[i] = byte('a' + n%26)
		n /= 26
	}
	return string(b)
}

// Limiting magnitude of a visit, before weather.
const limitingMag = 20.6

// Visits is how many visits have been made.
func (s *Survey) Visits() int { return s.visit }

// Next observes the next field and returns its visit.
func (s *Survey) Next() *Visit {
	fd := &s.fields[s.visit%len(s.fields)]
	fid := s.filters[(s.visit/len(s.fields))%len(s.filters)]
	s.visit++
	s.jd += visitDays
	s.pid++
	jd := s.jd
	lim := float32(limitingMag - 0.4*s.rng.Float64())
	v := &Visit{JD: jd, Field: fd.id, Fid: fid}
	for _, o := range fd.objects {
		mag, ra, dec, detected := s.observe(o, jd, fid, float64(lim))
		if !detected {
			// An upper limit goes into the object's history.
			o.remember(alert.PrvCandidate{JD: jd, Fid: fid, Pid: s.pid, DiffMagLim: ptr(lim), ProgramID: 1, Field: ptr(fd.id)})
			continue
		}
		a := s.alertFor(o, fd, jd, fid, lim, mag, ra, dec)
		v.Alerts = append(v.Alerts, a)
		if s.cfg.LSST {
			v.LSST = append(v.LSST, s.lsstFor(o, a, mag))
		}
		v.Kinds = append(v.Kinds, o.kind)
	}
	return v
}

// observe returns an object's magnitude and position at jd through fid,
// and whether the difference image detects it.
func (s *Survey) observe(o *object, jd float64, fid int32, lim float64) (mag, ra, dec float64, detected bool) {
	ra, dec = o.ra, o.dec
	colour := s.colour[fid]
	switch o.kind {
	case VariableStar:
		ph := math.Mod((jd-s.cfg.StartJD)/o.period+o.phase, 1)
		// A fast rise and slow decline, like an RR Lyrae light curve.
		shape := ph / 0.15
		if ph > 0.15 {
			shape = 1 - (ph-0.15)/0.85
		}
		mag = o.base + colour + o.amp*(0.5-shape)
		detected = math.Abs(o.amp*(0.5-shape)) > 0.1 && mag < lim
	case Supernova:
		t := jd - o.peakJD
		switch {
		case t < -20:
			return 99, ra, dec, false
		case t < 0: // rise
			mag = o.peakMag + 3*(t/20)*(t/20)
		default: // decline of about 0.03 mag a day, faster in bluer bands
			mag = o.peakMag + t*(0.03+0.06*math.Max(colour, 0))
		}
		// Blue at first, red later.
		mag += colour * math.Tanh(t/15)
		detected = mag < lim
	case AGN:
		// Damped random walk (Ornstein-Uhlenbeck) with a 100-day timescale.
		dt := math.Max(jd-o.agnJD, 1e-4)
		tau := 100.0
		decay := math.Exp(-dt / tau)
		o.agn = o.agn*decay + o.amp*math.Sqrt(1-decay*decay)*s.rng.NormFloat64()
		o.agnJD = jd
		mag = o.base + colour + o.agn
		detected = math.Abs(o.agn) > 0.15 && mag < lim
	case Asteroid:
		dt := jd - s.cfg.StartJD
		ra, dec = o.ra+o.dra*dt, o.dec+o.ddec*dt
		mag = o.base + colour
		detected = mag < lim
	case Bogus:
		mag = o.base
		detected = s.rng.Float64() < 0.35
	}
	return mag, ra, dec, detected
}

func (s *Survey) alertFor(o *object, fd *field, jd float64, fid int32, lim float32, mag, ra, dec float64) *alert.ZTF {
	s.candid++
	snr := math.Pow(10, 0.4*(float64(lim)-mag)) * 5
	sig := float32(math.Min(1.0857/snr, 0.5))
	c := alert.Candidate{
		JD: jd, Fid: fid, Pid: s.pid, DiffMagLim: ptr(lim), ProgramID: 1, Candid: s.candid, IsDiffPos: "t",
		Field: ptr(fd.id), Rcid: ptr(int32(s.rng.IntN(64))),
		RA: ra + s.rng.NormFloat64()*0.1/3600, Dec: dec + s.rng.NormFloat64()*0.1/3600,
		MagPSF: float32(mag) + sig*float32(s.rng.NormFloat64()), SigmaPSF: sig,
		FWHM: ptr(float32(1.8 + 0.8*s.rng.Float64())), Elong: ptr(float32(1 + 0.1*s.rng.Float64())),
		NBad: ptr(int32(0)), MagDiff: ptr(float32(0.04 * s.rng.NormFloat64())),
		RB: ptr(float32(0.7 + 0.3*s.rng.Float64())), DRB: ptr(float32(0.8 + 0.2*s.rng.Float64())),
		SGScore1: ptr(o.sgscore), DistPSNR1: ptr(float32(0.1 + 0.6*s.rng.Float64())),
		MagNR: ptr(float32(o.base)), SigmaMagNR: ptr(float32(0.02)), ObjectIDPS1: ptr(o.ps1),
	}
	switch o.kind {
	case VariableStar, AGN:
		if mag > o.base {
			c.IsDiffPos = "f" // fainter than the reference
		}
	case Supernova:
		c.DistPSNR1 = ptr(float32(0.5 + 2*s.rng.Float64())) // offset from the host
	case Asteroid:
		c.SSDistNR = ptr(float32(0.2 + 2*s.rng.Float64()))
		c.SSMagNR = ptr(float32(o.base + 0.3))
		c.SSNameNR = ptr(o.name)
		c.DistPSNR1 = ptr(float32(5 + 20*s.rng.Float64()))
		c.SGScore1 = ptr(float32(0.5))
		c.ObjectIDPS1, c.MagNR, c.SigmaMagNR = nil, nil, nil
	case Bogus:
		c.RB = ptr(float32(0.05 + 0.5*s.rng.Float64()))
		c.DRB = ptr(float32(0.01 + 0.3*s.rng.Float64()))
		c.FWHM = ptr(float32(1 + 8*s.rng.Float64()))
		c.Elong = ptr(float32(1 + 1.5*s.rng.Float64()))
		c.NBad = ptr(int32(s.rng.IntN(6)))
		c.MagDiff = ptr(float32(0.4 * s.rng.NormFloat64()))
		if s.rng.IntN(2) == 0 {
			c.IsDiffPos = "f"
		}
	}
	o.ndet++
	if o.firstDet == 0 {
		o.firstDet = jd
	}
	c.NDetHist, c.JDStartHist, c.JDEndHist = o.ndet, ptr(o.firstDet), ptr(jd)
	a := &alert.ZTF{
		SchemaVsn: "4.02", Publisher: "fountain simulated survey", ObjectID: o.id, Candid: c.Candid,
		Candidate: c,
	}
	if !s.cfg.NoHistory {
		a.PrvCandidates = append([]alert.PrvCandidate(nil), o.history...)
	}
	if s.cfg.Cutouts {
		a.CutoutScience, a.CutoutTemplate, a.CutoutDifference = cutouts(s.rng, c.Candid, mag, o.base, o.kind == Bogus)
	}
	o.remember(alert.PrvCandidate{
		JD: jd, Fid: fid, Pid: s.pid, DiffMagLim: ptr(lim), ProgramID: 1, Candid: ptr(c.Candid),
		IsDiffPos: ptr(c.IsDiffPos), Field: c.Field, Rcid: c.Rcid, RA: ptr(c.RA), Dec: ptr(c.Dec),
		MagPSF: ptr(c.MagPSF), SigmaPSF: ptr(c.SigmaPSF), RB: c.RB,
	})
	return a
}

// nJy of an AB magnitude.
func nJy(mag float64) float64 { return math.Pow(10, -0.4*(mag-31.4)) }

// lsstFor restates a detection as an LSST-style alert: fluxes in nJy on
// the difference image, MJD (TAI) times, ugrizy bands.
func (s *Survey) lsstFor(o *object, a *alert.ZTF, mag float64) *alert.LSST {
	c := a.Candidate
	band := LSSTBands[c.Fid-1]
	objID := int64(hash(o.id) >> 2)
	src := func(jd float64, id int64, fid int32, m float32, sig float32, rb *float32, ra, dec float64) alert.DiaSource {
		flux := nJy(float64(m)) - nJy(o.base+s.colour[fid])
		err := float32(math.Abs(nJy(float64(m))) * float64(sig) / 1.0857)
		b := LSSTBands[fid-1]
		d := alert.DiaSource{
			DiaSourceID: id, Visit: 7_000_000 + int64((jd-s.cfg.StartJD)/visitDays), Detector: int32(hash(o.id) % 189),
			MidpointMjdTai: jd - 2400000.5, RA: ra, Dec: dec, Band: &b,
			PsfFlux: ptr(float32(flux)), PsfFluxErr: ptr(err), SNR: ptr(float32(math.Abs(flux) / math.Max(float64(err), 1e-3))),
			Reliability: rb, IsNegative: ptr(flux < 0),
		}
		if o.kind == Asteroid {
			d.SSObjectID = ptr(objID)
		} else {
			d.DiaObjectID = ptr(objID)
		}
		return d
	}
	la := &alert.LSST{DiaSourceID: c.Candid, DiaSource: src(c.JD, c.Candid, c.Fid, c.MagPSF, c.SigmaPSF, c.RB, c.RA, c.Dec)}
	la.DiaSource.Band = &band
	for _, p := range a.PrvCandidates {
		if p.Candid != nil {
			la.PrvDiaSources = append(la.PrvDiaSources, src(p.JD, *p.Candid, p.Fid, *p.MagPSF, *p.SigmaPSF, p.RB, *p.RA, *p.Dec))
		}
	}
	if a.CutoutScience != nil {
		la.CutoutScience, la.CutoutTemplate, la.CutoutDifference = a.CutoutScience.StampData, a.CutoutTemplate.StampData, a.CutoutDifference.StampData
	}
	if o.kind != Asteroid {
		la.DiaObject = &alert.DiaObject{DiaObjectID: objID, RA: o.ra, Dec: o.dec,
			FirstDiaSourceMjdTai: ptr(o.firstDet - 2400000.5), NDiaSources: o.ndet}
	}
	return la
}

// hash is FNV-1a, for stable ids derived from names.
func hash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// History kept per object: the last 30 days, at most 20 entries.
const maxHistory = 20

func (o *object) remember(p alert.PrvCandidate) {
	o.history = append(o.history, p)
	cut := 0
	for cut < len(o.history) && (p.JD-o.history[cut].JD > 30 || len(o.history)-cut > maxHistory) {
		cut++
	}
	o.history = o.history[cut:]
}

func ptr[T any](v T) *T { return &v }
