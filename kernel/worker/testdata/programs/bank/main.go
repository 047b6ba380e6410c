// A bank account with errors of its own and a ledger.
package main

import (
	"errors"
	"fmt"
	"sort"
)

var ErrInsufficient = errors.New("insufficient funds")

type Account struct {
	Owner   string
	balance int
	history []Tx
}

type Tx struct {
	Kind   string
	Amount int
}

func (t Tx) String() string { return fmt.Sprintf("%s(%d)", t.Kind, t.Amount) }

type LimitError struct {
	Limit, Asked int
}

func (e LimitError) Error() string {
	return fmt.Sprintf("limit %d exceeded: asked %d", e.Limit, e.Asked)
}

// cell

func (a *Account) Deposit(n int) {
	a.balance += n
	a.history = append(a.history, Tx{"dep", n})
}

func (a *Account) Withdraw(n int) error {
	if n > 500 {
		return LimitError{500, n}
	}
	if n > a.balance {
		return fmt.Errorf("withdraw %d from %s: %w", n, a.Owner, ErrInsufficient)
	}
	a.balance -= n
	a.history = append(a.history, Tx{"wd", n})
	return nil
}

func (a Account) Balance() int { return a.balance }

func main() {
	accts := map[string]*Account{}
	for _, name := range []string{"ann", "bob", "cid"} {
		accts[name] = &Account{Owner: name}
	}
	accts["ann"].Deposit(100)
	accts["bob"].Deposit(700)
	errs := []error{}
	for _, w := range []struct {
		who string
		n   int
	}{{"ann", 50}, {"ann", 80}, {"bob", 600}, {"cid", 1}} {
		if err := accts[w.who].Withdraw(w.n); err != nil {
			errs = append(errs, err)
		}
	}
	for _, err := range errs {
		var le LimitError
		switch {
		case errors.Is(err, ErrInsufficient):
			fmt.Println("insufficient:", err)
		case errors.As(err, &le):
			fmt.Println("limit:", le.Limit, le.Asked, err)
		default:
			fmt.Println("other", err)
		}
	}
	names := make([]string, 0, len(accts))
	for n := range accts {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		a := accts[n]
		fmt.Printf("%-4s %5d %v\n", a.Owner, a.Balance(), a.history)
	}
	total := 0
	for _, a := range accts {
		total += a.Balance()
	}
	fmt.Println("total", total, len(errs))
	fmt.Printf("%v %+v\n", errs[0], Tx{"x", 1})
}
