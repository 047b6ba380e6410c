package alert

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/fountain-go/fountain/internal/shareddata"
)

// open reads the first record of a real sample file.
func open(t *testing.T, name string) (*ContainerReader, map[string]any) {
	t.Helper()
	f, err := os.Open(filepath.Join(shareddata.Alerts(t), name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	r, err := NewContainerReader(f)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := r.Next()
	if err != nil {
		t.Fatal(err)
	}
	return r, rec
}

func TestRealZTFContainerFile(t *testing.T) {
	r, rec := open(t, "ztf-472263571115115000.avro")
	if rec["objectId"] != "ZTF17aaajnnn" {
		t.Errorf("objectId %v", rec["objectId"])
	}
	if rec["candid"] != int64(472263571115115000) {
		t.Errorf("candid %v (%T), want exactly 472263571115115000", rec["candid"], rec["candid"])
	}
	prv, _ := rec["prv_candidates"].([]any)
	if len(prv) != 11 {
		t.Errorf("%d prv_candidates, want 11", len(prv))
	}
	for _, k := range []string{"cutoutScience", "cutoutTemplate", "cutoutDifference"} {
		c, _ := rec[k].(map[string]any)
		data, _ := c["stampData"].([]byte)
		if len(data) < 1000 || data[0] != 0x1f || data[1] != 0x8b {
			t.Errorf("%s: %d bytes, want a gzipped stamp", k, len(data))
		}
	}
	if _, err := r.Next(); !errors.Is(err, io.EOF) {
		t.Errorf("after the only record: %v, want EOF", err)
	}
}

func TestRealLSSTContainerFile(t *testing.T) {
	_, rec := open(t, "lsst-11.0-fakeAlert.avro")
	if _, ok := rec["diaSourceId"].(int64); !ok {
		t.Errorf("diaSourceId %v (%T), want an int64", rec["diaSourceId"], rec["diaSourceId"])
	}
	if _, ok := rec["diaSource"].(map[string]any); !ok {
		t.Errorf("diaSource %T, want a record", rec["diaSource"])
	}
}

func TestCorruptContainerFile(t *testing.T) {
	if _, err := NewContainerReader(bytesReader("not avro")); err == nil {
		t.Fatal("want an error for a file that is not Avro")
	}
}
