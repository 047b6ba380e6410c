package wire

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// ProtocolVersion is the messaging protocol version the kernel speaks.
const ProtocolVersion = "5.3"

// Delimiter separates routing identities from the signed message frames.
var Delimiter = []byte("<IDS|MSG>")

// Header is a message header.
type Header struct {
	MsgID    string `json:"msg_id"`
	Session  string `json:"session"`
	Username string `json:"username"`
	Date     string `json:"date"`
	MsgType  string `json:"msg_type"`
	Version  string `json:"version"`
}

// Message is one decoded Jupyter message. Parent, metadata and content
// stay raw so that replies can echo the parent header byte for byte.
type Message struct {
	Identities [][]byte
	Header     Header
	Parent     json.RawMessage
	Metadata   json.RawMessage
	Content    json.RawMessage
	Buffers    [][]byte
}

// ErrSignature reports a message whose signature is missing or wrong.
var ErrSignature = errors.New("invalid message signature")

// Signer signs and verifies messages with the connection key.
// A Signer with an empty key neither signs nor checks, as the protocol says.
type Signer struct{ key []byte }

// NewSigner returns a Signer for key.
func NewSigner(key string) *Signer { return &Signer{key: []byte(key)} }

// Sign returns the hex HMAC-SHA256 of the four signed frames.
func (s *Signer) Sign(frames ...[]byte) []byte {
	if len(s.key) == 0 {
		return nil
	}
	mac := hmac.New(sha256.New, s.key)
	for _, f := range frames {
		mac.Write(f)
	}
	sum := mac.Sum(nil)
	out := make([]byte, hex.EncodedLen(len(sum)))
	hex.Encode(out, sum)
	return out
}

// verify compares sig with the expected signature in constant time.
func (s *Signer) verify(sig []byte, frames ...[]byte) bool {
	if len(s.key) == 0 {
		return true
	}
	return hmac.Equal(sig, s.Sign(frames...))
}

// Decode parses the frames of a message received on a ROUTER or SUB socket
// and checks its signature.
func (s *Signer) Decode(frames [][]byte) (*Message, error) {
	i := 0
	for i < len(frames) && !bytes.Equal(frames[i], Delimiter) {
		i++
	}
	if i == len(frames) {
		return nil, errors.New("no <IDS|MSG> delimiter")
	}
	if len(frames)-i < 6 {
		return nil, fmt.Errorf("message has %d frames after the delimiter, want at least 5", len(frames)-i-1)
	}
	sig, h, p, md, c := frames[i+1], frames[i+2], frames[i+3], frames[i+4], frames[i+5]
	if !s.verify(sig, h, p, md, c) {
		return nil, ErrSignature
	}
	m := &Message{Identities: frames[:i], Buffers: frames[i+6:]}
	if err := json.Unmarshal(h, &m.Header); err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	if m.Header.MsgType == "" {
		return nil, errors.New("header has no msg_type")
	}
	for _, f := range []struct {
		name string
		src  []byte
		dst  *json.RawMessage
	}{{"parent_header", p, &m.Parent}, {"metadata", md, &m.Metadata}, {"content", c, &m.Content}} {
		if len(f.src) == 0 {
			*f.dst = json.RawMessage("{}")
			continue
		}
		if !json.Valid(f.src) {
			return nil, fmt.Errorf("%s is not valid JSON", f.name)
		}
		*f.dst = json.RawMessage(f.src)
	}
	return m, nil
}

// Encode returns the frames of m, signed.
func (s *Signer) Encode(m *Message) ([][]byte, error) {
	h, err := json.Marshal(m.Header)
	if err != nil {
		return nil, fmt.Errorf("encode header: %w", err)
	}
	p, md, c := orEmpty(m.Parent), orEmpty(m.Metadata), orEmpty(m.Content)
	frames := make([][]byte, 0, len(m.Identities)+6+len(m.Buffers))
	frames = append(frames, m.Identities...)
	frames = append(frames, Delimiter, s.Sign(h, p, md, c), h, p, md, c)
	return append(frames, m.Buffers...), nil
}

func orEmpty(b json.RawMessage) []byte {
	if len(b) == 0 {
		return []byte("{}")
	}
	return b
}

// NewHeader returns a fresh header of the given type for session.
func NewHeader(msgType, session string) Header {
	return Header{
		MsgID:    NewID(),
		Session:  session,
		Username: "kernel",
		Date:     time.Now().UTC().Format("2006-01-02T15:04:05.000000Z"),
		MsgType:  msgType,
		Version:  ProtocolVersion,
	}
}

// NewID returns a random UUID4 string.
func NewID() string {
	var b [16]byte
	rand.Read(b[:]) // never fails since Go 1.24
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
