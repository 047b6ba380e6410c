// Package wire implements the Jupyter messaging protocol's wire format:
// connection files, message headers, HMAC-SHA256 signing and the
// multipart frame layout used on every kernel socket.
//
// It knows nothing of sockets or of what messages mean; package kernel
// drives it over ZeroMQ.
package wire
