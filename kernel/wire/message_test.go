package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"
)

func sample() *Message {
	return &Message{
		Identities: [][]byte{[]byte("client-1")},
		Header:     NewHeader("execute_request", "s1"),
		Parent:     json.RawMessage(`{}`),
		Metadata:   json.RawMessage(`{}`),
		Content:    json.RawMessage(`{"code":"1+1"}`),
		Buffers:    [][]byte{{1, 2, 3}},
	}
}

func TestRoundTrip(t *testing.T) {
	s := NewSigner("secret")
	frames, err := s.Encode(sample())
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.Decode(frames)
	if err != nil {
		t.Fatal(err)
	}
	if m.Header.MsgType != "execute_request" || string(m.Content) != `{"code":"1+1"}` {
		t.Fatalf("decoded %+v", m)
	}
	if len(m.Identities) != 1 || string(m.Identities[0]) != "client-1" {
		t.Fatalf("identities %q", m.Identities)
	}
	if len(m.Buffers) != 1 || !bytes.Equal(m.Buffers[0], []byte{1, 2, 3}) {
		t.Fatalf("buffers %v", m.Buffers)
	}
}

func TestBadSignatureRejected(t *testing.T) {
	frames, _ := NewSigner("secret").Encode(sample())
	for name, f := range map[string]func([][]byte){
		"wrong key":   func(fr [][]byte) { copy(fr[2], NewSigner("other").Sign(fr[3], fr[4], fr[5], fr[6])) },
		"missing":     func(fr [][]byte) { fr[2] = nil },
		"tampered":    func(fr [][]byte) { fr[6] = []byte(`{"code":"os.Exit(1)"}`) },
		"one bit off": func(fr [][]byte) { fr[2][0] ^= 1 },
	} {
		c := make([][]byte, len(frames))
		for i := range frames {
			c[i] = append([]byte(nil), frames[i]...)
		}
		f(c)
		if _, err := NewSigner("secret").Decode(c); !errors.Is(err, ErrSignature) {
			t.Errorf("%s: err = %v, want ErrSignature", name, err)
		}
	}
}

func TestEmptyKeySkipsSigning(t *testing.T) {
	s := NewSigner("")
	frames, _ := s.Encode(sample())
	if len(frames[2]) != 0 {
		t.Fatalf("signature %q, want empty", frames[2])
	}
	if _, err := s.Decode(frames); err != nil {
		t.Fatal(err)
	}
}

func TestMalformed(t *testing.T) {
	s := NewSigner("")
	for name, fr := range map[string][][]byte{
		"no delimiter": {[]byte("a"), []byte("b")},
		"short":        {Delimiter, nil, []byte("{}")},
		"bad header":   {Delimiter, nil, []byte("{"), []byte("{}"), []byte("{}"), []byte("{}")},
		"no type":      {Delimiter, nil, []byte("{}"), []byte("{}"), []byte("{}"), []byte("{}")},
		"bad content":  {Delimiter, nil, []byte(`{"msg_type":"x"}`), []byte("{}"), []byte("{}"), []byte("{")},
	} {
		if _, err := s.Decode(fr); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestNewIDIsUUID4(t *testing.T) {
	id := NewID()
	if len(id) != 36 || id[14] != '4' || id == NewID() {
		t.Fatalf("id %q", id)
	}
}

func FuzzDecode(f *testing.F) {
	frames, _ := NewSigner("k").Encode(sample())
	f.Add(bytes.Join(frames, []byte{0}))
	f.Add([]byte("<IDS|MSG>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s := NewSigner("k")
		m, err := s.Decode(bytes.Split(data, []byte{0}))
		if err != nil {
			return
		}
		// Whatever decodes must encode and decode back to the same header and content.
		out, err := s.Encode(m)
		if err != nil {
			t.Fatal(err)
		}
		m2, err := s.Decode(out)
		if err != nil {
			t.Fatalf("re-decode: %v", err)
		}
		if m2.Header != m.Header || !bytes.Equal(m2.Content, m.Content) {
			t.Fatalf("round trip changed the message")
		}
	})
}
