package sim

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/fountain-go/fountain/sources/alert"
	"github.com/fountain-go/fountain/sources/avroarrow"
)

// SourceConfig paces a survey read as a stream.
type SourceConfig struct {
	// VisitsPerSecond paces the visits in wall-clock time (0: as fast as
	// they are read). Ten a second is a night in about a minute.
	VisitsPerSecond float64
	// Visits ends the stream after this many visits (0: never).
	Visits int
}

// Source is a survey as a stream of Arrow record batches, one visit a batch,
// decoded from the same Avro as the testbed publishes: the rows a Kafka
// source would give for the same alerts, without a broker. It implements
// frames.BatchSource.
type Source struct {
	s    *Survey
	cfg  SourceConfig
	lsst bool
	dec  *avroarrow.Decoder
	next time.Time
}

// NewSource starts a survey (see New) to be read as a stream.
func NewSource(cfg Config, sc SourceConfig) (*Source, error) {
	schema := alert.ZTFSchema()
	if cfg.LSST {
		schema = alert.LSSTSchema()
	}
	dec, err := avroarrow.NewDecoder(schema, memory.DefaultAllocator)
	if err != nil {
		return nil, fmt.Errorf("sim: %w", err)
	}
	return &Source{s: New(cfg), cfg: sc, lsst: cfg.LSST, dec: dec}, nil
}

// Schema is the schema of the batches.
func (src *Source) Schema() *arrow.Schema { return src.dec.Schema() }

// Project makes the source decode only the named columns: the others come
// as all-null columns (frames.Projector; nil: all of them).
func (src *Source) Project(columns []string) error {
	if err := src.dec.Only(columns); err != nil {
		return fmt.Errorf("sim: %w", err)
	}
	return nil
}

// appendEncoded encodes alerts as Avro, as the testbed publishes them, and
// decodes them into dec's batch.
func appendEncoded[A any](dec *avroarrow.Decoder, alerts []A, encode func(A) ([]byte, error)) error {
	for _, a := range alerts {
		b, err := encode(a)
		if err != nil {
			return fmt.Errorf("sim: encode: %w", err)
		}
		if err := dec.Append(b); err != nil {
			return fmt.Errorf("sim: decode: %w", err)
		}
	}
	return nil
}

// Next observes the next visit, waiting for its turn when paced, and
// returns its alerts; io.EOF after SourceConfig.Visits visits.
func (src *Source) Next(ctx context.Context) (arrow.Record, error) {
	if src.cfg.Visits > 0 && src.s.Visits() >= src.cfg.Visits {
		return nil, io.EOF
	}
	if src.cfg.VisitsPerSecond > 0 {
		now := time.Now()
		if src.next.IsZero() {
			src.next = now
		}
		if wait := src.next.Sub(now); wait > 0 {
			t := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				t.Stop()
				return nil, ctx.Err()
			case <-t.C:
			}
		}
		src.next = src.next.Add(time.Duration(float64(time.Second) / src.cfg.VisitsPerSecond))
	} else if err := ctx.Err(); err != nil {
		return nil, err
	}
	v := src.s.Next()
	var err error
	if src.lsst {
		err = appendEncoded(src.dec, v.LSST, alert.EncodeLSST)
	} else {
		err = appendEncoded(src.dec, v.Alerts, alert.EncodeZTF)
	}
	if err != nil {
		return nil, err
	}
	return src.dec.NewRecord(), nil
}
