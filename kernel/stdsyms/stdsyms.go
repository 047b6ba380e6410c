// Package stdsyms holds the interpreter's symbol tables for what the
// standard library of the Go in use has beyond the interpreter's own
// tables (yaegi's, made for Go 1.22): the additions to every package that
// has some (strings.Lines and SplitSeq, log/slog.DiscardHandler,
// net/http.ParseCookie, os.OpenRoot and CopyFS, ...) and the new packages
// crypto/hkdf, mlkem, pbkdf2 and sha3. The evaluator adds only the symbols its tables lack, so the
// interpreter's own versions (fmt, os and log write to the cell) stay.
// TestFresh checks that the tables match the Go in use.
package stdsyms

import "reflect"

//go:generate go run github.com/traefik/yaegi/cmd/yaegi extract archive/tar bytes crypto crypto/cipher crypto/ecdh crypto/ecdsa crypto/hkdf crypto/mlkem crypto/pbkdf2 crypto/rand crypto/rsa crypto/sha3 crypto/subtle crypto/tls crypto/x509 embed encoding encoding/binary go/ast go/types hash io/fs log/slog math/rand/v2 mime/multipart net net/http net/http/httptest os path/filepath reflect runtime/debug runtime/trace strings sync/atomic unicode unicode/utf16

// Symbols maps "import/path/name" to the package's exported symbols.
var Symbols = map[string]map[string]reflect.Value{}
