package wire

import (
	"encoding/json"
	"fmt"
	"os"
)

// ConnectionInfo is the content of a Jupyter connection file.
type ConnectionInfo struct {
	Transport       string `json:"transport"`
	IP              string `json:"ip"`
	ShellPort       int    `json:"shell_port"`
	ControlPort     int    `json:"control_port"`
	StdinPort       int    `json:"stdin_port"`
	IOPubPort       int    `json:"iopub_port"`
	HBPort          int    `json:"hb_port"`
	Key             string `json:"key"`
	SignatureScheme string `json:"signature_scheme"`
	KernelName      string `json:"kernel_name,omitempty"`
}

// ReadConnectionFile parses and validates the connection file at path.
func ReadConnectionFile(path string) (*ConnectionInfo, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read connection file: %w", err)
	}
	var ci ConnectionInfo
	if err := json.Unmarshal(b, &ci); err != nil {
		return nil, fmt.Errorf("parse connection file %s: %w", path, err)
	}
	if err := ci.Validate(); err != nil {
		return nil, fmt.Errorf("connection file %s: %w", path, err)
	}
	return &ci, nil
}

// Validate checks the transport and signature scheme.
func (c *ConnectionInfo) Validate() error {
	if c.Transport == "" {
		c.Transport = "tcp"
	}
	if c.Transport != "tcp" && c.Transport != "ipc" {
		return fmt.Errorf("unsupported transport %q (want tcp or ipc)", c.Transport)
	}
	if c.SignatureScheme == "" {
		c.SignatureScheme = "hmac-sha256"
	}
	if c.SignatureScheme != "hmac-sha256" {
		return fmt.Errorf("unsupported signature scheme %q (want hmac-sha256)", c.SignatureScheme)
	}
	if c.IP == "" {
		return fmt.Errorf("no ip")
	}
	return nil
}

// Endpoint returns the ZeroMQ endpoint for a channel port. For the ipc
// transport Jupyter names the socket file "<ip>-<port>".
func (c *ConnectionInfo) Endpoint(port int) string {
	if c.Transport == "ipc" {
		return fmt.Sprintf("ipc://%s-%d", c.IP, port)
	}
	return fmt.Sprintf("tcp://%s:%d", c.IP, port)
}
