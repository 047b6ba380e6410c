package kernel

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Kernelspec names.
const (
	SpecName    = "fountain"
	DisplayName = "Go (fountain)"
)

// SpecDir returns the kernelspec directory for an install scope: "user",
// "sys-prefix", or a prefix directory.
func SpecDir(scope, prefix string) (string, error) {
	switch scope {
	case "user":
		if d := os.Getenv("JUPYTER_DATA_DIR"); d != "" {
			return filepath.Join(d, "kernels", SpecName), nil
		}
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(home, ".local", "share", "jupyter", "kernels", SpecName), nil
	case "sys-prefix":
		out, err := exec.Command(pythonForJupyter(), "-c", "import sys; print(sys.prefix)").Output()
		if err != nil {
			return "", fmt.Errorf("find the Python sys.prefix of Jupyter: %w", err)
		}
		prefix = strings.TrimSpace(string(out))
		fallthrough
	case "prefix":
		return filepath.Join(prefix, "share", "jupyter", "kernels", SpecName), nil
	}
	return "", fmt.Errorf("unknown install scope %q", scope)
}

// pythonForJupyter is the Python that has Jupyter: Debian's, when the one
// first on PATH lacks it.
func pythonForJupyter() string {
	if _, err := os.Stat("/usr/bin/python3"); err == nil {
		return "/usr/bin/python3"
	}
	return "python3"
}

// Install writes the kernelspec (kernel.json and logos) into dir, pointing
// at the executable exe.
func Install(dir, exe string) error {
	exe, err := filepath.Abs(exe)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create kernelspec directory: %w", err)
	}
	spec := map[string]any{
		"argv":           []string{exe, "kernel", "{connection_file}"},
		"display_name":   DisplayName,
		"language":       "go",
		"interrupt_mode": "message",
		"metadata":       map[string]any{"debugger": false},
	}
	b, _ := json.MarshalIndent(spec, "", "  ")
	if err := os.WriteFile(filepath.Join(dir, "kernel.json"), append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("write kernel.json: %w", err)
	}
	for _, size := range []int{32, 64} {
		var buf bytes.Buffer
		if err := png.Encode(&buf, logo(size)); err != nil {
			return err
		}
		name := filepath.Join(dir, fmt.Sprintf("logo-%dx%d.png", size, size))
		if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("write logo: %w", err)
		}
	}
	return nil
}

// logo draws the kernel's icon: a water drop in Go's blue.
func logo(size int) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	blue := color.NRGBA{0x00, 0xAD, 0xD8, 0xFF}
	s := float64(size)
	cx, cy, r := s/2, s*0.62, s*0.30
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			fx, fy := float64(x)+0.5, float64(y)+0.5
			in := math.Hypot(fx-cx, fy-cy) <= r
			// The drop's point: a triangle from the circle up to the top.
			if fy < cy && fy > s*0.08 {
				half := r * (fy - s*0.08) / (cy - s*0.08)
				in = in || math.Abs(fx-cx) <= half
			}
			if in {
				img.Set(x, y, blue)
			}
		}
	}
	return img
}
