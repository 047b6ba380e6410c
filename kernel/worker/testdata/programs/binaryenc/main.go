// Bytes on the wire: encoding/binary of fixed-size structs and varints,
// a length-prefixed framing protocol, checksums and digests, hex and
// base64.
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
)

type Header struct {
	Magic   [4]byte
	Version uint16
	Flags   uint16
	Length  uint32
}

type Point struct {
	X, Y int32
	Z    float64
}

var ErrShort = errors.New("frame: short read")

func writeFrame(w io.Writer, payload []byte) error {
	var lenBuf [binary.MaxVarintLen64]byte
	n := binary.PutUvarint(lenBuf[:], uint64(len(payload)))
	if _, err := w.Write(lenBuf[:n]); err != nil {
		return err
	}
	if _, err := w.Write(payload); err != nil {
		return err
	}
	return binary.Write(w, binary.BigEndian, crc32.ChecksumIEEE(payload))
}

func readFrame(r *bytes.Reader) ([]byte, error) {
	size, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, fmt.Errorf("frame length: %w", err)
	}
	payload := make([]byte, size)
	if _, err := io.ReadFull(r, payload); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrShort, err)
	}
	var sum uint32
	if err := binary.Read(r, binary.BigEndian, &sum); err != nil {
		return nil, fmt.Errorf("frame checksum: %w", err)
	}
	if got := crc32.ChecksumIEEE(payload); got != sum {
		return nil, fmt.Errorf("frame checksum: got %08x, want %08x", got, sum)
	}
	return payload, nil
}

func main() {
	h := Header{Magic: [4]byte{'F', 'N', 'T', 'N'}, Version: 3, Flags: 0x8001, Length: 1 << 20}
	var buf bytes.Buffer
	if err := binary.Write(&buf, binary.LittleEndian, h); err != nil {
		fmt.Println("write:", err)
	}
	fmt.Println(buf.Len(), binary.Size(h), hex.EncodeToString(buf.Bytes()))
	var back Header
	err := binary.Read(bytes.NewReader(buf.Bytes()), binary.LittleEndian, &back)
	fmt.Println(err, back == h, string(back.Magic[:]), back.Version, back.Flags, back.Length)

	pts := []Point{{1, -2, 0.5}, {300, 400, -1e3}}
	buf.Reset()
	binary.Write(&buf, binary.BigEndian, pts)
	got := make([]Point, 2)
	binary.Read(&buf, binary.BigEndian, got)
	fmt.Println(got, binary.Size(pts))

	b := make([]byte, 8)
	binary.BigEndian.PutUint32(b, 0xdeadbeef)
	binary.LittleEndian.PutUint16(b[4:], 0x1234)
	fmt.Printf("% x %d %d\n", b, binary.BigEndian.Uint16(b[4:]), binary.LittleEndian.Uint64(b))
	for _, v := range []int64{0, 1, -1, 63, -64, 300, -300, 1 << 40} {
		vb := binary.AppendVarint(nil, v)
		d, n := binary.Varint(vb)
		fmt.Print(len(vb), ":", d == v && n == len(vb), " ")
	}
	fmt.Println()

	buf.Reset()
	for _, msg := range []string{"hello", "", "a longer message of some bytes"} {
		writeFrame(&buf, []byte(msg))
	}
	data := buf.Bytes()
	r := bytes.NewReader(data)
	for {
		p, err := readFrame(r)
		if err != nil {
			fmt.Println("end:", err, errors.Is(err, io.EOF))
			break
		}
		fmt.Printf("%q ", p)
	}
	corrupt := bytes.Clone(data)
	corrupt[3] ^= 0xff
	_, err = readFrame(bytes.NewReader(corrupt))
	fmt.Println(err)
	_, err = readFrame(bytes.NewReader(data[:4]))
	fmt.Println(err, errors.Is(err, ErrShort))

	sum := sha256.Sum256([]byte("fountain"))
	fmt.Println(hex.EncodeToString(sum[:8]), len(sum))
	hh := sha256.New()
	io.WriteString(hh, "foun")
	io.WriteString(hh, "tain")
	fmt.Println(bytes.Equal(hh.Sum(nil), sum[:]))
	enc := base64.StdEncoding.EncodeToString([]byte("any carnal pleas"))
	dec, err := base64.URLEncoding.DecodeString("aGk_")
	fmt.Println(enc, string(dec), err)
	_, err = base64.StdEncoding.DecodeString("!!")
	fmt.Println(err)
	fmt.Print(hex.Dump([]byte("0123456789abcdefXYZ")))
}
