package alert

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

func TestFraming(t *testing.T) {
	msg := Frame(42, []byte{1, 2, 3})
	id, datum, err := Unframe(msg)
	if err != nil || id != 42 || string(datum) != "\x01\x02\x03" {
		t.Fatalf("unframe: %d %v %v", id, datum, err)
	}
	for _, bad := range [][]byte{nil, {0, 0, 0}, {1, 0, 0, 0, 1, 9}} {
		if _, _, err := Unframe(bad); err == nil {
			t.Errorf("%v: want ErrNotFramed", bad)
		}
	}
}

// A registry speaking the Confluent HTTP API, serving the ZTF-style schema as id 7.
func registry(t *testing.T, hits *atomic.Int32) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.URL.Path != "/schemas/ids/7" {
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"error_code":40403,"message":"Schema not found"}`)
			return
		}
		json.NewEncoder(w).Encode(map[string]string{"schema": ZTFSchemaJSON})
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestRegistryClient(t *testing.T) {
	var hits atomic.Int32
	c := NewRegistryClient(registry(t, &hits).URL)
	for i := 0; i < 3; i++ {
		s, err := c.Schema(7)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(s.String(), "objectId") {
			t.Fatal("wrong schema")
		}
	}
	if hits.Load() != 1 {
		t.Fatalf("%d requests, want 1 (cached)", hits.Load())
	}
	if _, err := c.Schema(8); err == nil || !strings.Contains(err.Error(), "unknown schema id 8") {
		t.Fatalf("err %v, want unknown schema id", err)
	}
}

func TestLocalSchemas(t *testing.T) {
	s := Schemas{1: ZTFSchema()}
	if _, err := s.Schema(1); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Schema(2); err == nil {
		t.Fatal("want an error for an unknown id")
	}
}
