package kernel

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"
)

// recordingConn keeps each write the zmtpConn makes to the connection.
type recordingConn struct {
	net.Conn
	writes [][]byte
}

func (r *recordingConn) Write(p []byte) (int, error) {
	r.writes = append(r.writes, bytes.Clone(p))
	return len(p), nil
}

// frame encodes one ZMTP frame as zmq4 writes it: header, then body.
func frame(flags byte, body []byte) [][]byte {
	if len(body) > 255 {
		h := make([]byte, 9)
		h[0] = flags | flagLong
		binary.BigEndian.PutUint64(h[1:], uint64(len(body)))
		return [][]byte{h, body}
	}
	return [][]byte{{flags, byte(len(body))}, body}
}

func TestZMTPConnWritesWholeMessages(t *testing.T) {
	greeting := bytes.Repeat([]byte{0x7f}, greetingLen)
	ready := frame(flagCommand, []byte("\x05READY\x00\x00\x00\x00"))
	long := bytes.Repeat([]byte("x"), 300)
	var msg [][]byte
	msg = append(msg, frame(flagMore, []byte("id"))...)
	msg = append(msg, frame(flagMore, []byte("<IDS|MSG>"))...)
	msg = append(msg, frame(flagMore, nil)...) // an empty frame in the middle
	msg = append(msg, frame(flagMore, long)...)
	msg = append(msg, frame(0, []byte("{}"))...)
	empty := frame(0, nil) // a message of one empty frame

	for _, split := range []bool{false, true} {
		t.Run(fmt.Sprintf("bytewise=%v", split), func(t *testing.T) {
			rec := &recordingConn{}
			c := newZMTPConn(rec)
			var want [][]byte
			send := func(parts ...[][]byte) {
				var all []byte
				for _, p := range parts {
					for _, w := range p {
						all = append(all, w...)
						if split {
							for i := range w {
								c.Write(w[i : i+1])
							}
						} else {
							c.Write(w)
						}
					}
				}
				want = append(want, all)
			}
			send([][]byte{greeting})
			send(ready)
			send(msg)
			send(empty)
			send(msg)
			send(msg)
			if len(rec.writes) != len(want) {
				t.Fatalf("got %d writes, want one per message (%d)", len(rec.writes), len(want))
			}
			for i := range want {
				if !bytes.Equal(rec.writes[i], want[i]) {
					t.Fatalf("write %d = %q, want %q", i, rec.writes[i], want[i])
				}
			}
		})
	}
}

func TestZMTPConnSplitsHugeMessages(t *testing.T) {
	rec := &recordingConn{}
	c := newZMTPConn(rec)
	c.Write(bytes.Repeat([]byte{0}, greetingLen))
	body := bytes.Repeat([]byte("y"), 3*maxPending)
	var want []byte
	for _, w := range frame(flagMore, []byte("head")) {
		c.Write(w)
		want = append(want, w...)
	}
	for _, w := range frame(0, body) {
		c.Write(w)
		want = append(want, w...)
	}
	got := bytes.Join(rec.writes[1:], nil)
	if !bytes.Equal(got, want) {
		t.Fatalf("stream differs: %d bytes, want %d", len(got), len(want))
	}
	if !c.atBoundary() || len(c.pending) != 0 {
		t.Fatal("bytes held back after the end of the message")
	}
}

// TestMessageTransport talks to sockets on the wrapping transports with
// plain zmq4 peers: the wire format is ZMTP as before, both ways.
func TestMessageTransport(t *testing.T) {
	for _, ep := range []string{"tcp://127.0.0.1:0", "ipc://" + filepath.Join(t.TempDir(), "sock")} {
		t.Run(ep[:3], func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			router := zmq4.NewRouter(ctx, zmq4.WithID(zmq4.SocketIdentity("kernel")))
			defer router.Close()
			if err := router.Listen(listenEndpoint(ep)); err != nil {
				t.Fatal(err)
			}
			addr := ep
			if a, ok := router.Addr().(*net.TCPAddr); ok {
				addr = "tcp://" + a.String()
			}
			dealer := zmq4.NewDealer(ctx, zmq4.WithID(zmq4.SocketIdentity("client")))
			defer dealer.Close()
			if err := dealer.Dial(addr); err != nil {
				t.Fatal(err)
			}
			big := bytes.Repeat([]byte("z"), 1<<20)
			for i := range 3 {
				req := zmq4.NewMsgFrom([]byte(fmt.Sprint("req", i)), big, nil, []byte("end"))
				if err := dealer.SendMulti(req); err != nil {
					t.Fatal(err)
				}
				got, err := router.Recv()
				if err != nil {
					t.Fatal(err)
				}
				if len(got.Frames) != 5 || string(got.Frames[0]) != "client" || !bytes.Equal(got.Frames[2], big) || string(got.Frames[4]) != "end" {
					t.Fatalf("router got %d frames, first %q", len(got.Frames), got.Frames[0])
				}
				if err := router.SendMulti(zmq4.NewMsgFrom(got.Frames[0], []byte(fmt.Sprint("rep", i)), big)); err != nil {
					t.Fatal(err)
				}
				rep, err := dealer.Recv()
				if err != nil {
					t.Fatal(err)
				}
				if len(rep.Frames) != 2 || string(rep.Frames[0]) != fmt.Sprint("rep", i) || !bytes.Equal(rep.Frames[1], big) {
					t.Fatalf("dealer got %d frames, first %q", len(rep.Frames), rep.Frames[0])
				}
			}
		})
	}
}

// TestZMTPConnDoesNotWaitForAPeer: a peer that does not read must not
// block the writer (zmq4 writes to every subscriber in turn); past the
// backlog's bound whole messages to it are dropped, and what it reads
// later is still a valid stream of whole messages, in order.
func TestZMTPConnDoesNotWaitForAPeer(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	accepted := make(chan net.Conn, 1)
	go func() {
		c, err := l.Accept()
		if err == nil {
			accepted <- c
		}
	}()
	raw, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	c := newZMTPConn(raw)
	c.maxBacklog = 1 << 20
	peer := <-accepted
	defer peer.Close()

	c.Write(bytes.Repeat([]byte{0}, greetingLen))
	const n, size = 400, 64 << 10
	// Messages numbered in their bodies.
	send := func(i int) {
		body := bytes.Repeat([]byte{byte(i)}, size)
		binary.BigEndian.PutUint32(body, uint32(i))
		for _, w := range append(frame(flagMore, []byte("topic")), frame(0, body)...) {
			if _, err := c.Write(w); err != nil {
				t.Fatal(err)
			}
		}
	}
	// 25 MB, far more than the socket buffers and the backlog
	start := time.Now()
	for i := range n {
		send(i)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("writing took %v: the writer waited for the peer", d)
	}
	c.mu.Lock()
	dropped := c.dropped
	c.mu.Unlock()
	if dropped == 0 {
		t.Fatal("nothing dropped for a peer that did not read")
	}

	// The peer reads now: whole messages, in order; one more, sent once
	// the backlog is read, comes last.
	r := bufio.NewReader(peer)
	if _, err := io.ReadFull(r, make([]byte, greetingLen)); err != nil {
		t.Fatal(err)
	}
	peer.SetReadDeadline(time.Now().Add(10 * time.Second))
	last, got := -1, 0
	for last < n {
		if got+dropped == n {
			send(n)
		}
		var parts [][]byte
		for {
			hdr := make([]byte, 2)
			if _, err := io.ReadFull(r, hdr); err != nil {
				t.Fatalf("after %d messages (last %d): %v", got, last, err)
			}
			size := uint64(hdr[1])
			if hdr[0]&flagLong != 0 {
				rest := make([]byte, 7)
				io.ReadFull(r, rest)
				size = binary.BigEndian.Uint64(append(hdr[1:], rest...))
			}
			body := make([]byte, size)
			if _, err := io.ReadFull(r, body); err != nil {
				t.Fatal(err)
			}
			parts = append(parts, body)
			if hdr[0]&flagMore == 0 {
				break
			}
		}
		if len(parts) != 2 || string(parts[0]) != "topic" || len(parts[1]) != size {
			t.Fatalf("message %d is not whole: %d parts", got, len(parts))
		}
		i := int(binary.BigEndian.Uint32(parts[1]))
		if i <= last || parts[1][size-1] != byte(i) {
			t.Fatalf("message %d after %d", i, last)
		}
		last, got = i, got+1
	}
	if got+dropped != n+1 {
		t.Fatalf("%d read + %d dropped != %d sent", got, dropped, n+1)
	}
}
