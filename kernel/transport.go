package kernel

import (
	"bufio"
	"context"
	"encoding/binary"
	"log"
	"net"
	"strings"
	"sync"
	"syscall"

	"github.com/go-zeromq/zmq4"
	"github.com/go-zeromq/zmq4/transport"
	"golang.org/x/sys/unix"
)

// zmq4 writes a message frame by frame, two writes a frame (its router
// even when asked for one multipart write), and reads it header by header:
// a seven-frame Jupyter message was fourteen TCP segments, each waking the
// front end's I/O thread, and a reply took a tenth of a millisecond to
// leave. The kernel's sockets therefore listen on transports that wrap each
// connection in a zmtpConn, which writes a whole message at once and reads
// through a buffer. The wire format is unchanged.

// Names the wrapping transports are registered under with zmq4.
const (
	tcpTransport = "fountain-tcp"
	ipcTransport = "fountain-ipc"
)

var registerOnce sync.Once

// listenEndpoint returns the endpoint to listen on for ep (tcp:// or
// ipc://), on the wrapping transport.
func listenEndpoint(ep string) string {
	registerOnce.Do(func() {
		// Registration fails only for a duplicate name, which Once rules out.
		zmq4.RegisterTransport(tcpTransport, messageTransport{network: "tcp"})
		zmq4.RegisterTransport(ipcTransport, messageTransport{network: "unix"})
	})
	if rest, ok := strings.CutPrefix(ep, "tcp://"); ok {
		return tcpTransport + "://" + rest
	}
	if rest, ok := strings.CutPrefix(ep, "ipc://"); ok {
		return ipcTransport + "://" + rest
	}
	return ep
}

// messageTransport is zmq4's net transport with connections wrapped in
// zmtpConn.
type messageTransport struct{ network string }

func (t messageTransport) Dial(ctx context.Context, d transport.Dialer, addr string) (net.Conn, error) {
	c, err := transport.New(t.network).Dial(ctx, d, addr)
	if err != nil {
		return nil, err
	}
	return newZMTPConn(c), nil
}

func (t messageTransport) Listen(ctx context.Context, addr string) (net.Listener, error) {
	l, err := transport.New(t.network).Listen(ctx, addr)
	if err != nil {
		return nil, err
	}
	return wrappingListener{l}, nil
}

func (t messageTransport) Addr(ep string) (string, error) { return transport.New(t.network).Addr(ep) }

type wrappingListener struct{ net.Listener }

func (l wrappingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return newZMTPConn(c), nil
}

// ZMTP 3 framing (rfc.zeromq.org/spec/23): a 64-byte greeting, then frames
// of a flags byte, a size (one byte, or eight with flagLong) and a body.
const (
	greetingLen = 64
	flagMore    = 0x01
	flagLong    = 0x02
	flagCommand = 0x04
	// Past this much, buffered bytes go out without waiting for the end
	// of the message.
	maxPending = 256 << 10
)

// zmtpConn holds back what is written until the stream is at the end of a
// message (of the greeting, of a command, of a frame without the more
// flag), then writes it in one go. Reads go through a buffer.
//
// It never blocks the writer on a peer that does not read: zmq4 writes to
// each subscriber in turn, so one front end that stopped reading (a frozen
// tab, a suspended console) stalled every message to every front end.
// What the socket does not take at once goes to a backlog that a goroutine
// writes out; past maxBacklog, whole messages to that peer are dropped, as
// ZeroMQ's high-water mark does.
type zmtpConn struct {
	net.Conn
	raw syscall.RawConn // for writes that do not wait; nil: plain writes
	r   *bufio.Reader

	mu       sync.Mutex
	pending  []byte
	greeting int     // greeting bytes still to come
	hdr      [9]byte // the frame header being written
	hdrLen   int     // its bytes so far
	body     uint64  // body bytes of the current frame still to come
	more     bool    // the current frame has the more flag

	maxBacklog int
	backlog    []byte // bytes the socket did not take yet, in order
	flushing   bool   // a goroutine writes the backlog
	inMessage  bool   // part of the current message has been sent
	dropping   bool   // the current message is being dropped
	dropped    int    // messages dropped since the backlog last drained
	werr       error  // the write error that ended the connection
}

// maxBacklog bounds what waits for a peer that does not read.
const maxBacklog = 32 << 20

func newZMTPConn(c net.Conn) *zmtpConn {
	z := &zmtpConn{Conn: c, r: bufio.NewReaderSize(c, 64<<10), greeting: greetingLen, maxBacklog: maxBacklog}
	if sc, ok := c.(syscall.Conn); ok {
		z.raw, _ = sc.SyscallConn()
	}
	return z
}

func (c *zmtpConn) Read(p []byte) (int, error) { return c.r.Read(p) }

func (c *zmtpConn) Write(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil // zmq4 writes empty frame bodies too
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.scan(p)
	end := c.atBoundary()
	if len(c.pending) == 0 && (end || len(p) >= maxPending) {
		// Nothing held back: send p itself, without copying.
		if err := c.send(p, end); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	c.pending = append(c.pending, p...)
	if end || len(c.pending) >= maxPending {
		err := c.send(c.pending, end)
		c.pending = c.pending[:0]
		if err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// send sends the next piece of the current message; end: the piece ends it.
func (c *zmtpConn) send(b []byte, end bool) error {
	if c.werr != nil {
		return c.werr
	}
	defer func() { c.inMessage = !end }()
	if !c.inMessage {
		c.dropping = c.flushing && len(c.backlog)+len(b) > c.maxBacklog
		if c.dropping {
			c.dropped++
		}
	}
	switch {
	case c.dropping:
	case c.flushing:
		c.backlog = append(c.backlog, b...)
	default:
		n, err := c.tryWrite(b)
		if err != nil {
			c.werr = err
			return err
		}
		if n < len(b) {
			c.backlog = append(c.backlog, b[n:]...)
			c.flushing = true
			go c.flush()
		}
	}
	return nil
}

// tryWrite writes what the socket takes now, without waiting.
func (c *zmtpConn) tryWrite(b []byte) (int, error) {
	if c.raw == nil {
		return c.Conn.Write(b)
	}
	n := 0
	var werr error
	err := c.raw.Write(func(fd uintptr) bool {
		for n < len(b) {
			m, err := unix.Write(int(fd), b[n:])
			if m > 0 {
				n += m
			}
			if err == unix.EINTR {
				continue
			}
			if err != nil && err != unix.EAGAIN {
				werr = err
			}
			if err != nil || m <= 0 {
				break
			}
		}
		return true // done, whether the socket took it all or not
	})
	if err == nil {
		err = werr
	}
	return n, err
}

// flush writes the backlog out, waiting for the peer, until it is empty.
func (c *zmtpConn) flush() {
	for {
		c.mu.Lock()
		b := c.backlog
		c.backlog = nil
		if len(b) == 0 || c.werr != nil {
			c.flushing = false
			if c.dropped > 0 {
				log.Printf("a front end did not keep up: %d messages to it were dropped", c.dropped)
				c.dropped = 0
			}
			c.mu.Unlock()
			return
		}
		c.mu.Unlock()
		if _, err := c.Conn.Write(b); err != nil {
			c.mu.Lock()
			c.werr = err
			c.mu.Unlock()
		}
	}
}

// atBoundary reports whether what was written so far ends a message.
func (c *zmtpConn) atBoundary() bool {
	return c.greeting == 0 && c.hdrLen == 0 && c.body == 0 && !c.more
}

// scan follows the framing through p.
func (c *zmtpConn) scan(p []byte) {
	for len(p) > 0 {
		switch {
		case c.greeting > 0:
			n := min(len(p), c.greeting)
			c.greeting -= n
			p = p[n:]
		case c.body > 0:
			n := min(uint64(len(p)), c.body)
			c.body -= n
			p = p[n:]
		default:
			if c.hdrLen == 0 {
				c.more = false
			}
			c.hdr[c.hdrLen] = p[0]
			c.hdrLen++
			p = p[1:]
			flags := c.hdr[0]
			want := 2
			if flags&flagLong != 0 {
				want = 9
			}
			if c.hdrLen < want {
				continue
			}
			if want == 2 {
				c.body = uint64(c.hdr[1])
			} else {
				c.body = binary.BigEndian.Uint64(c.hdr[1:9])
			}
			c.more = flags&flagMore != 0 && flags&flagCommand == 0
			c.hdrLen = 0
		}
	}
}
