package alert

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/hamba/avro/v2"
)

// Confluent wire framing: a zero magic byte and a big-endian int32 schema
// id before the Avro datum.
const confluentHeader = 5

// ErrNotFramed reports a message without the Confluent header.
var ErrNotFramed = errors.New("message has no Confluent framing (magic byte 0 and a schema id)")

// Unframe splits a Confluent-framed message into schema id and datum.
func Unframe(msg []byte) (id int32, datum []byte, err error) {
	if len(msg) < confluentHeader || msg[0] != 0 {
		return 0, nil, ErrNotFramed
	}
	return int32(binary.BigEndian.Uint32(msg[1:5])), msg[confluentHeader:], nil
}

// Frame prepends the Confluent header for schema id to a datum.
func Frame(id int32, datum []byte) []byte {
	out := make([]byte, confluentHeader, confluentHeader+len(datum))
	binary.BigEndian.PutUint32(out[1:], uint32(id))
	return append(out, datum...)
}

// Registry resolves schema ids.
type Registry interface {
	Schema(id int32) (avro.Schema, error)
}

// Schemas is a local Registry: a fixed map of ids to schemas.
type Schemas map[int32]avro.Schema

// Schema implements Registry.
func (s Schemas) Schema(id int32) (avro.Schema, error) {
	if sc, ok := s[id]; ok {
		return sc, nil
	}
	return nil, fmt.Errorf("unknown schema id %d", id)
}

// RegistryClient reads schemas from a Confluent Schema Registry over its
// HTTP API (GET /schemas/ids/{id}), caching each.
type RegistryClient struct {
	url  string
	http *http.Client

	mu    sync.Mutex
	cache map[int32]avro.Schema
}

// NewRegistryClient returns a client for the registry at url.
func NewRegistryClient(url string) *RegistryClient {
	return &RegistryClient{url: strings.TrimSuffix(url, "/"), http: &http.Client{Timeout: 10 * time.Second}, cache: map[int32]avro.Schema{}}
}

// Schema implements Registry.
func (c *RegistryClient) Schema(id int32) (avro.Schema, error) {
	c.mu.Lock()
	s, ok := c.cache[id]
	c.mu.Unlock()
	if ok {
		return s, nil
	}
	resp, err := c.http.Get(fmt.Sprintf("%s/schemas/ids/%d", c.url, id))
	if err != nil {
		return nil, fmt.Errorf("schema registry: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotFound {
		return nil, fmt.Errorf("unknown schema id %d (schema registry: not found)", id)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("schema registry: schema %d: %s", id, resp.Status)
	}
	var body struct {
		Schema     string `json:"schema"`
		SchemaType string `json:"schemaType"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return nil, fmt.Errorf("schema registry: schema %d: %w", id, err)
	}
	if body.SchemaType != "" && body.SchemaType != "AVRO" {
		return nil, fmt.Errorf("schema registry: schema %d is %s, not Avro", id, body.SchemaType)
	}
	s, err = ParseLenient([]byte(body.Schema))
	if err != nil {
		return nil, fmt.Errorf("schema registry: schema %d: %w", id, err)
	}
	c.mu.Lock()
	c.cache[id] = s
	c.mu.Unlock()
	return s, nil
}
