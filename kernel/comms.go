package kernel

import (
	"encoding/json"
	"sync"

	"github.com/fountain-go/fountain/kernel/wire"
)

// comms is the registry of open comms and of the targets the kernel serves.
type comms struct {
	mu      sync.Mutex
	byID    map[string]string // comm id -> target name
	targets map[string]func(k *Kernel, parent *wire.Message, id string, data json.RawMessage)
}

func newComms() *comms {
	return &comms{
		byID: map[string]string{},
		targets: map[string]func(*Kernel, *wire.Message, string, json.RawMessage){
			// fountain.echo answers each message with the same data; front
			// ends and tests use it to check the comm channel end to end.
			"fountain.echo": func(k *Kernel, parent *wire.Message, id string, data json.RawMessage) {
				k.publish(parent, "comm_msg", map[string]any{"comm_id": id, "data": data})
			},
		},
	}
}

type commContent struct {
	CommID     string          `json:"comm_id"`
	TargetName string          `json:"target_name"`
	Data       json.RawMessage `json:"data"`
}

func (c *comms) open(k *Kernel, m *wire.Message) {
	var cc commContent
	json.Unmarshal(m.Content, &cc)
	c.mu.Lock()
	_, known := c.targets[cc.TargetName]
	if known {
		c.byID[cc.CommID] = cc.TargetName
	}
	c.mu.Unlock()
	if !known {
		// The spec: an unknown target gets the comm closed straight away.
		k.publish(m, "comm_close", map[string]any{"comm_id": cc.CommID, "data": map[string]any{}})
	}
}

func (c *comms) message(k *Kernel, m *wire.Message) {
	var cc commContent
	json.Unmarshal(m.Content, &cc)
	c.mu.Lock()
	target, ok := c.byID[cc.CommID]
	h := c.targets[target]
	c.mu.Unlock()
	if ok && h != nil {
		h(k, m, cc.CommID, cc.Data)
	}
}

func (c *comms) close(m *wire.Message) {
	var cc commContent
	json.Unmarshal(m.Content, &cc)
	c.mu.Lock()
	delete(c.byID, cc.CommID)
	c.mu.Unlock()
}

func (c *comms) info(content json.RawMessage) map[string]any {
	var req struct {
		TargetName string `json:"target_name"`
	}
	json.Unmarshal(content, &req)
	c.mu.Lock()
	defer c.mu.Unlock()
	out := map[string]any{}
	for id, t := range c.byID {
		if req.TargetName == "" || req.TargetName == t {
			out[id] = map[string]any{"target_name": t}
		}
	}
	return map[string]any{"status": "ok", "comms": out}
}
