package kafka

import (
	"sync"

	kafkago "github.com/segmentio/kafka-go"
)

// inbox is where the fetching goroutines leave messages for Next. Next
// takes everything there at once: a lock per message and a swap per
// batch, where a channel cost a hand-off (and often a goroutine switch)
// per message — a third of the consumer's time.
type inbox struct {
	mu    sync.Mutex
	buf   []kafkago.Message
	limit int
	ready chan struct{} // signalled when buf becomes non-empty
	room  chan struct{} // signalled when buf is taken
}

func newInbox(limit int) *inbox {
	return &inbox{limit: limit, ready: make(chan struct{}, 1), room: make(chan struct{}, 1)}
}

// put adds m, waiting while the inbox is full; it returns false if done
// was closed first.
func (in *inbox) put(m kafkago.Message, done <-chan struct{}) bool {
	in.mu.Lock()
	for len(in.buf) >= in.limit {
		in.mu.Unlock()
		select {
		case <-in.room:
		case <-done:
			return false
		}
		in.mu.Lock()
	}
	in.buf = append(in.buf, m)
	if len(in.buf) == 1 {
		select {
		case in.ready <- struct{}{}:
		default:
		}
	}
	in.mu.Unlock()
	return true
}

// take returns what is there and leaves spare (emptied) in its place.
func (in *inbox) take(spare []kafkago.Message) []kafkago.Message {
	clear(spare[:cap(spare)])
	in.mu.Lock()
	out := in.buf
	in.buf = spare[:0]
	in.mu.Unlock()
	if len(out) > 0 {
		select {
		case in.room <- struct{}{}:
		default:
		}
	}
	return out
}

func (in *inbox) len() int {
	in.mu.Lock()
	defer in.mu.Unlock()
	return len(in.buf)
}
