// Package stdsyms holds the interpreter's symbol tables for what the
// standard library of the Go in use has beyond the interpreter's own
// tables (yaegi's, made for Go 1.22): strings.Lines and SplitSeq,
// bytes.Lines, log/slog.DiscardHandler, crypto/sha3 and more.
// The evaluator adds only the symbols its tables lack, so the
// interpreter's own versions (fmt, os and log write to the cell) stay.
// TestFresh checks that the tables match the Go in use.
package stdsyms

import "reflect"

//go:generate go run github.com/traefik/yaegi/cmd/yaegi extract bytes strings crypto/rand crypto/sha3 crypto/hkdf crypto/pbkdf2 encoding/binary io/fs log/slog math/rand/v2 path/filepath reflect sync/atomic unicode/utf16 hash encoding

// Symbols maps "import/path/name" to the package's exported symbols.
var Symbols = map[string]map[string]reflect.Value{}
