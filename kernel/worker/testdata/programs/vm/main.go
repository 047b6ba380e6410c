// A small stack virtual machine: opcodes as iota bytes with String, a
// byte-code assembler, encoding/binary, and a disassembler.
package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
)

type Op byte

const (
	OpPush Op = iota + 1
	OpAdd
	OpSub
	OpMul
	OpDup
	OpSwap
	OpJz
	OpJmp
	OpPrint
	OpHalt
)

var opNames = map[Op]string{
	OpPush: "PUSH", OpAdd: "ADD", OpSub: "SUB", OpMul: "MUL", OpDup: "DUP",
	OpSwap: "SWAP", OpJz: "JZ", OpJmp: "JMP", OpPrint: "PRINT", OpHalt: "HALT",
}

func (o Op) String() string {
	if n, ok := opNames[o]; ok {
		return n
	}
	return fmt.Sprintf("Op(%d)", byte(o))
}

func (o Op) HasArg() bool { return o == OpPush || o == OpJz || o == OpJmp }

type Asm struct {
	buf    bytes.Buffer
	labels map[string]int
	fixups map[int]string
}

func (a *Asm) Emit(op Op, arg ...int32) *Asm {
	a.buf.WriteByte(byte(op))
	if op.HasArg() {
		var b [4]byte
		if len(arg) > 0 {
			binary.LittleEndian.PutUint32(b[:], uint32(arg[0]))
		}
		a.buf.Write(b[:])
	}
	return a
}

func (a *Asm) Label(name string) *Asm {
	if a.labels == nil {
		a.labels = map[string]int{}
	}
	a.labels[name] = a.buf.Len()
	return a
}

func (a *Asm) Jump(op Op, label string) *Asm {
	if a.fixups == nil {
		a.fixups = map[int]string{}
	}
	a.fixups[a.buf.Len()+1] = label
	return a.Emit(op, 0)
}

func (a *Asm) Bytes() ([]byte, error) {
	code := a.buf.Bytes()
	for at, l := range a.fixups {
		target, ok := a.labels[l]
		if !ok {
			return nil, fmt.Errorf("undefined label %q", l)
		}
		binary.LittleEndian.PutUint32(code[at:], uint32(target))
	}
	return code, nil
}

var ErrStack = errors.New("stack underflow")

func Run(code []byte, out *strings.Builder, limit int) (steps int, err error) {
	var st []int32
	pop := func() int32 {
		if len(st) == 0 {
			panic(ErrStack)
		}
		v := st[len(st)-1]
		st = st[:len(st)-1]
		return v
	}
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok && errors.Is(e, ErrStack) {
				err = fmt.Errorf("step %d: %w", steps, e)
				return
			}
			panic(r)
		}
	}()
	for pc := 0; pc < len(code); steps++ {
		if steps >= limit {
			return steps, errors.New("step limit")
		}
		op := Op(code[pc])
		pc++
		var arg int32
		if op.HasArg() {
			arg = int32(binary.LittleEndian.Uint32(code[pc:]))
			pc += 4
		}
		switch op {
		case OpPush:
			st = append(st, arg)
		case OpAdd, OpSub, OpMul:
			b, a := pop(), pop()
			switch op {
			case OpAdd:
				st = append(st, a+b)
			case OpSub:
				st = append(st, a-b)
			default:
				st = append(st, a*b)
			}
		case OpDup:
			v := pop()
			st = append(st, v, v)
		case OpSwap:
			b, a := pop(), pop()
			st = append(st, b, a)
		case OpJz:
			if pop() == 0 {
				pc = int(arg)
			}
		case OpJmp:
			pc = int(arg)
		case OpPrint:
			fmt.Fprintln(out, pop())
		case OpHalt:
			return steps + 1, nil
		default:
			return steps, fmt.Errorf("bad opcode %v at %d", op, pc-1)
		}
	}
	return steps, nil
}

func Disasm(code []byte) []string {
	var lines []string
	for pc := 0; pc < len(code); {
		op := Op(code[pc])
		line := fmt.Sprintf("%04d %v", pc, op)
		pc++
		if op.HasArg() {
			line += fmt.Sprintf(" %d", int32(binary.LittleEndian.Uint32(code[pc:])))
			pc += 4
		}
		lines = append(lines, line)
	}
	return lines
}

func main() {
	// countdown from 5, printing each, then 5! computed by repeated MUL
	a := &Asm{}
	a.Emit(OpPush, 5).Label("loop").Emit(OpDup).Emit(OpPrint).Emit(OpPush, 1).Emit(OpSub).Emit(OpDup).Jump(OpJz, "end").Jump(OpJmp, "loop").Label("end").Emit(OpPush, 2).Emit(OpPush, 3).Emit(OpMul).Emit(OpPrint).Emit(OpHalt)
	code, err := a.Bytes()
	fmt.Println(len(code), err)
	var out strings.Builder
	steps, err := Run(code, &out, 1000)
	fmt.Printf("%q %d %v\n", out.String(), steps, err)
	for _, l := range Disasm(code)[:6] {
		fmt.Println(l)
	}
	bad := (&Asm{}).Emit(OpAdd).buf.Bytes()
	_, err = Run(bad, &out, 10)
	fmt.Println(err, errors.Is(err, ErrStack))
	_, err = Run([]byte{99}, &out, 10)
	fmt.Println(err)
	_, err = (&Asm{}).Jump(OpJmp, "nowhere").Bytes()
	fmt.Println(err)
	loop := &Asm{}
	loop.Label("top").Jump(OpJmp, "top")
	c2, _ := loop.Bytes()
	_, err = Run(c2, &out, 50)
	fmt.Println(err, OpHalt, Op(42), []Op{OpDup, OpSwap})
}
