// Encodings: gzip and zip round trips in memory, hex, base32 and base64
// variants, binary varints, CRC32 and hashes, and gob of your structs.
package main

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/md5"
	"encoding/base32"
	"encoding/base64"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
)

type Record struct {
	Name   string
	Values []float64
	Meta   map[string]string
}

func main() {
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	io.WriteString(w, strings.Repeat("fountain ", 50))
	w.Close()
	r, err := gzip.NewReader(&gz)
	back, _ := io.ReadAll(r)
	fmt.Println(err, len(back), gz.Len() < 100, string(back[:8]))

	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	for _, f := range []struct{ name, body string }{{"a.txt", "alpha"}, {"dir/b.txt", "beta beta"}} {
		fw, _ := zw.Create(f.name)
		io.WriteString(fw, f.body)
	}
	zw.Close()
	zr, err := zip.NewReader(bytes.NewReader(zbuf.Bytes()), int64(zbuf.Len()))
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		fmt.Println(f.Name, f.UncompressedSize64, string(b))
	}
	fmt.Println(err)

	data := []byte("Go, notebooks!")
	fmt.Println(hex.EncodeToString(data), base32.StdEncoding.EncodeToString(data))
	fmt.Println(base64.URLEncoding.EncodeToString([]byte{0xfb, 0xff}), base64.RawStdEncoding.EncodeToString(data))
	dec, err := hex.DecodeString("zz")
	fmt.Println(dec, err)
	fmt.Print(hex.Dump([]byte("0123456789abcdefXYZ")))

	buf := make([]byte, binary.MaxVarintLen64)
	for _, v := range []int64{0, 1, -1, 300, -1 << 40} {
		n := binary.PutVarint(buf, v)
		got, m := binary.Varint(buf[:n])
		fmt.Print(n, got == v && m == n, " ")
	}
	fmt.Println()
	var bb bytes.Buffer
	binary.Write(&bb, binary.BigEndian, struct {
		A uint16
		B int32
		C [2]uint8
	}{0x0102, -2, [2]uint8{7, 8}})
	fmt.Printf("% x\n", bb.Bytes())
	fmt.Printf("%08x %x\n", crc32.ChecksumIEEE(data), md5.Sum(data))

	var g bytes.Buffer
	in := Record{"m31", []float64{3.4, 4.1}, map[string]string{"type": "galaxy"}}
	err = gob.NewEncoder(&g).Encode(in)
	var out Record
	err2 := gob.NewDecoder(&g).Decode(&out)
	fmt.Println(err, err2, out.Name, out.Values, out.Meta)
}
