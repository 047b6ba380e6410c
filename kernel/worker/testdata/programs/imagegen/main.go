// A cell type that implements image.Image (a Mandelbrot view) encoded by
// image/png, a palette image drawn with image/draw, and a checksum of the bytes.
package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math/cmplx"
)

type Mandel struct {
	W, H    int
	Center  complex128
	Scale   float64
	MaxIter int
}

func (m Mandel) ColorModel() color.Model { return color.GrayModel }
func (m Mandel) Bounds() image.Rectangle { return image.Rect(0, 0, m.W, m.H) }
func (m Mandel) At(x, y int) color.Color {
	c := m.Center + complex((float64(x)-float64(m.W)/2)*m.Scale, (float64(y)-float64(m.H)/2)*m.Scale)
	z := complex(0, 0)
	for i := 0; i < m.MaxIter; i++ {
		z = z*z + c
		if cmplx.Abs(z) > 2 {
			return color.Gray{uint8(255 * i / m.MaxIter)}
		}
	}
	return color.Gray{0}
}

type Checker struct {
	Size int
	A, B color.Color
}

func (c *Checker) ColorModel() color.Model { return color.RGBAModel }
func (c *Checker) Bounds() image.Rectangle { return image.Rect(0, 0, 8*c.Size, 8*c.Size) }
func (c *Checker) At(x, y int) color.Color {
	if (x/c.Size+y/c.Size)%2 == 0 {
		return c.A
	}
	return c.B
}

func encode(img image.Image) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

func ascii(img image.Image) string {
	const ramp = " .:-=+*#%@"
	b := img.Bounds()
	var out bytes.Buffer
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x++ {
			g := color.GrayModel.Convert(img.At(x, y)).(color.Gray)
			out.WriteByte(ramp[int(g.Y)*(len(ramp)-1)/255])
		}
		out.WriteByte('\n')
	}
	return out.String()
}

func main() {
	m := Mandel{W: 48, H: 24, Center: -0.5, Scale: 0.07, MaxIter: 30}
	fmt.Print(ascii(m))
	data := encode(m)
	fmt.Printf("png %d bytes sha %x\n", len(data), sha256.Sum256(data))
	back, format, err := image.Decode(bytes.NewReader(data))
	fmt.Println(format, err, back.Bounds(), back.At(10, 10) == m.At(10, 10))

	ch := &Checker{Size: 2, A: color.RGBA{255, 0, 0, 255}, B: color.White}
	pal := image.NewPaletted(ch.Bounds(), color.Palette{color.Black, color.White, color.RGBA{255, 0, 0, 255}})
	draw.Draw(pal, pal.Bounds(), ch, image.Point{}, draw.Src)
	counts := map[uint8]int{}
	for _, p := range pal.Pix {
		counts[p]++
	}
	fmt.Println(counts, len(encode(pal)))
	rgba := image.NewRGBA(image.Rect(0, 0, 4, 4))
	draw.Draw(rgba, rgba.Bounds(), &image.Uniform{color.RGBA{0, 0, 255, 255}}, image.Point{}, draw.Src)
	draw.Draw(rgba, image.Rect(1, 1, 3, 3), ch, image.Point{}, draw.Over)
	fmt.Println(rgba.At(0, 0), rgba.At(1, 1), rgba.At(2, 1))
	var img image.Image = m
	if _, ok := img.(draw.Image); !ok {
		fmt.Println("Mandel is read-only")
	}
	fmt.Printf("%T %v\n", img.ColorModel(), img.Bounds().Size())
}
