package kernel

import (
	"bytes"
	"fmt"
	"slices"
	"sync"

	"golang.org/x/sys/unix"
)

// capture reads one of the worker's output pipes. Reads happen only under
// the lock and only for bytes already in the pipe, so sync can collect
// everything written before an event the worker sent afterwards: output and
// displays reach the front end in the order the cell made them.
type capture struct {
	name string // "stdout" or "stderr"
	fd   int

	mu      sync.Mutex
	buf     []byte
	dropped int // bytes dropped since the last flush, over the rate limit
	closed  bool
}

// Output rate limit: at most maxFlush bytes per flush interval reach the
// front end; the rest is counted and reported, as Jupyter's iopub limit does.
const maxFlush = 64 << 10

func (c *capture) readAvailable(hangup bool) (eof bool) {
	n, err := unix.IoctlGetInt(c.fd, unix.TIOCINQ)
	if err != nil {
		return true
	}
	if n == 0 {
		// Never block here: sync may have taken the bytes poll saw.
		// Empty after the writer hung up is the end.
		return hangup
	}
	if room := maxFlush - len(c.buf); n <= room {
		// The common case: read straight into the buffer.
		c.buf = slices.Grow(c.buf, n)
		m, err := unix.Read(c.fd, c.buf[len(c.buf):len(c.buf)+n])
		if m > 0 {
			c.buf = c.buf[:len(c.buf)+m]
		}
		return err != nil && err != unix.EINTR && err != unix.EAGAIN
	}
	p := make([]byte, n)
	m, err := unix.Read(c.fd, p)
	if m > 0 {
		c.add(p[:m])
	}
	return err != nil && err != unix.EINTR && err != unix.EAGAIN
}

func (c *capture) add(p []byte) {
	room := maxFlush - len(c.buf)
	if room >= len(p) {
		c.buf = append(c.buf, p...)
		return
	}
	if room > 0 {
		c.buf = append(c.buf, p[:room]...)
		p = p[room:]
	}
	c.dropped += len(p)
}

// loop reads until the pipe closes.
func (c *capture) loop() {
	fds := []unix.PollFd{{Fd: int32(c.fd), Events: unix.POLLIN}}
	for {
		_, err := unix.Poll(fds, -1)
		if err == unix.EINTR {
			continue
		}
		hangup := fds[0].Revents&(unix.POLLHUP|unix.POLLERR|unix.POLLNVAL) != 0
		c.mu.Lock()
		eof := err != nil || c.readAvailable(hangup)
		if eof {
			c.closed = true
			unix.Close(c.fd)
		}
		c.mu.Unlock()
		if eof {
			return
		}
	}
}

// sync pulls in whatever the worker wrote so far.
func (c *capture) sync() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.closed {
		c.readAvailable(false)
	}
}

// take returns the buffered text and a notice of what was dropped.
func (c *capture) take() (string, string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	text := string(c.buf)
	c.buf = c.buf[:0]
	notice := ""
	if c.dropped > 0 {
		notice = fmt.Sprintf("\n[fountain: output too fast; %d bytes of %s dropped]\n", c.dropped, c.name)
		c.dropped = 0
	}
	return text, notice
}

// takePrompt removes and returns the text after the last newline: what a
// cell printed just before reading stdin ("Name: ") is the input prompt.
func (c *capture) takePrompt() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	i := bytes.LastIndexByte(c.buf, '\n')
	prompt := string(c.buf[i+1:])
	c.buf = c.buf[:i+1]
	return prompt
}
