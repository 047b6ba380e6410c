package worker

import (
	"context"
	"testing"
)

func BenchmarkTrivialCell(b *testing.B) {
	s, err := NewSession(nil)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for b.Loop() {
		if _, err := s.Run(ctx, "1 + 1"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAssignCell(b *testing.B) {
	s, err := NewSession(nil)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for b.Loop() {
		if _, err := s.Run(ctx, "x := 1"); err != nil {
			b.Fatal(err)
		}
	}
}
