// A vending machine as a state machine of interface states with
// transitions returning the next state, coins as typed constants, and a
// transaction log.
package main

import (
	"errors"
	"fmt"
	"strings"
)

type Coin int

const (
	Nickel  Coin = 5
	Dime    Coin = 10
	Quarter Coin = 25
)

func (c Coin) String() string {
	switch c {
	case Nickel:
		return "nickel"
	case Dime:
		return "dime"
	case Quarter:
		return "quarter"
	}
	return fmt.Sprintf("coin(%d)", int(c))
}

var ErrSoldOut = errors.New("sold out")

type Machine struct {
	state   State
	credit  int
	stock   map[string]int
	prices  map[string]int
	log     []string
	revenue int
}

type State interface {
	Insert(m *Machine, c Coin) State
	Select(m *Machine, item string) (State, error)
	Name() string
}

type idle struct{}
type hasCredit struct{}

func (idle) Name() string { return "idle" }
func (idle) Insert(m *Machine, c Coin) State {
	m.credit += int(c)
	m.log = append(m.log, "insert "+c.String())
	return hasCredit{}
}
func (idle) Select(m *Machine, item string) (State, error) {
	return idle{}, fmt.Errorf("select %s: insert coins first", item)
}

func (hasCredit) Name() string { return "credit" }
func (hasCredit) Insert(m *Machine, c Coin) State {
	m.credit += int(c)
	m.log = append(m.log, "insert "+c.String())
	return hasCredit{}
}
func (hasCredit) Select(m *Machine, item string) (State, error) {
	price, ok := m.prices[item]
	if !ok {
		return hasCredit{}, fmt.Errorf("no item %q", item)
	}
	if m.stock[item] == 0 {
		return hasCredit{}, fmt.Errorf("%s: %w", item, ErrSoldOut)
	}
	if m.credit < price {
		return hasCredit{}, fmt.Errorf("%s costs %d, credit %d", item, price, m.credit)
	}
	m.stock[item]--
	m.credit -= price
	m.revenue += price
	change := m.credit
	m.credit = 0
	m.log = append(m.log, fmt.Sprintf("vend %s change %d", item, change))
	return idle{}, nil
}

func (m *Machine) Insert(c Coin) { m.state = m.state.Insert(m, c) }
func (m *Machine) Select(item string) error {
	next, err := m.state.Select(m, item)
	m.state = next
	return err
}

func main() {
	m := &Machine{state: idle{}, stock: map[string]int{"gum": 1, "soda": 2}, prices: map[string]int{"gum": 15, "soda": 35}}
	fmt.Println(m.Select("gum"), m.state.Name())
	m.Insert(Dime)
	fmt.Println(m.Select("gum"), m.state.Name(), m.credit)
	m.Insert(Nickel)
	fmt.Println(m.Select("gum"), m.state.Name())
	m.Insert(Quarter)
	err := m.Select("gum")
	fmt.Println(err, errors.Is(err, ErrSoldOut))
	fmt.Println(m.Select("candy"))
	m.Insert(Dime)
	fmt.Println(m.Select("soda"), m.state.Name(), m.revenue)
	fmt.Println(strings.Join(m.log, "; "))
	fmt.Println([]Coin{Quarter, Coin(3)}, m.stock)
	fmt.Printf("%v %d %s\n", Dime, Dime, Nickel)
}
