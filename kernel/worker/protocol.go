// Package worker is the evaluator process behind the kernel. The kernel
// starts it as a child ("fountain worker") and talks to it over two pipes,
// one JSON object per line; the worker's standard output and error are
// pipes the kernel reads, so everything a cell prints, from interpreted or
// compiled code, is captured. A panic or stack overflow that kills the
// worker leaves the kernel up: it starts a new worker and says so.
package worker

import "encoding/json"

// File descriptors of the request and event pipes in the worker process.
const (
	RequestFD = 3
	EventFD   = 4
)

// Request operations.
const (
	OpExecute   = "execute"
	OpComplete  = "complete"
	OpInspect   = "inspect"
	OpInterrupt = "interrupt"
	OpInput     = "input"
	// OpAck tells the worker that a display or clear event has been
	// published, so output it prints afterwards cannot overtake it.
	OpAck = "ack"
)

// Request is a message from the kernel to the worker.
type Request struct {
	Op              string            `json:"op"`
	Seq             int64             `json:"seq"`
	Code            string            `json:"code,omitempty"`
	Cursor          int               `json:"cursor,omitempty"`
	DetailLevel     int               `json:"detail_level,omitempty"`
	AllowStdin      bool              `json:"allow_stdin,omitempty"`
	UserExpressions map[string]string `json:"user_expressions,omitempty"`
	Value           string            `json:"value,omitempty"` // OpInput: the user's reply
}

// Event kinds.
const (
	EvDisplay = "display"
	EvClear   = "clear"
	EvReply   = "reply"
	EvInput   = "input"
)

// Event is a message from the worker to the kernel.
type Event struct {
	Kind string `json:"kind"`
	Seq  int64  `json:"seq,omitempty"`
	// EvDisplay
	Data      map[string]any `json:"data,omitempty"`
	Metadata  map[string]any `json:"metadata,omitempty"`
	DisplayID string         `json:"display_id,omitempty"`
	Update    bool           `json:"update,omitempty"`
	// EvClear
	Wait bool `json:"wait,omitempty"`
	// EvReply: the reply content, less what the kernel adds.
	Reply json.RawMessage `json:"reply,omitempty"`
	// EvInput
	Prompt   string `json:"prompt,omitempty"`
	Password bool   `json:"password,omitempty"`
}

// ExecuteReply is the content of an execute reply from the worker.
type ExecuteReply struct {
	Status          string         `json:"status"` // ok, error, aborted
	Ename           string         `json:"ename,omitempty"`
	Evalue          string         `json:"evalue,omitempty"`
	Traceback       []string       `json:"traceback,omitempty"`
	Result          map[string]any `json:"result,omitempty"` // execute_result data
	ResultMetadata  map[string]any `json:"result_metadata,omitempty"`
	Payload         []any          `json:"payload"`
	UserExpressions map[string]any `json:"user_expressions"`
}
