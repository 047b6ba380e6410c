package alert

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// sharedAlerts is ../shared/data/alerts from the project root.
func sharedAlerts(t *testing.T) string {
	_, here, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(here), "..", "..", "..", "shared", "data", "alerts")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("real alert samples not found at %s (../shared is beside the project in CI): %v", dir, err)
	}
	return dir
}

func TestRealZTFContainerFile(t *testing.T) {
	f, err := os.Open(filepath.Join(sharedAlerts(t), "ztf-472263571115115000.avro"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := NewContainerReader(f)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := r.Next()
	if err != nil {
		t.Fatal(err)
	}
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
	f, err := os.Open(filepath.Join(sharedAlerts(t), "lsst-11.0-fakeAlert.avro"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := NewContainerReader(f)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := r.Next()
	if err != nil {
		t.Fatal(err)
	}
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
