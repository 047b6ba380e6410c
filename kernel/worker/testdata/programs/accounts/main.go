// Accounts with embedded sync.Mutex and embedded pointers, String methods
// on pointer receivers, interfaces satisfied through promotion, a ledger
// printed with %v, %+v and %s, and transfers that roll back on error.
package main

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
)

type Money int64

func (m Money) String() string {
	sign := ""
	if m < 0 {
		sign, m = "-", -m
	}
	return fmt.Sprintf("%s$%d.%02d", sign, m/100, m%100)
}

type Owner struct {
	Name  string
	Email string
}

func (o *Owner) String() string { return o.Name + " <" + o.Email + ">" }

type Account struct {
	sync.Mutex
	*Owner
	ID      string
	balance Money
	history []Money
}

func (a *Account) Deposit(m Money) {
	a.Lock()
	defer a.Unlock()
	a.balance += m
	a.history = append(a.history, m)
}

var ErrInsufficient = errors.New("insufficient funds")

type LimitError struct {
	ID    string
	Limit Money
}

func (e *LimitError) Error() string { return fmt.Sprintf("account %s: over limit %v", e.ID, e.Limit) }

func (a *Account) Withdraw(m Money) error {
	a.Lock()
	defer a.Unlock()
	if m > a.balance {
		return fmt.Errorf("withdraw %v from %s: %w", m, a.ID, ErrInsufficient)
	}
	a.balance -= m
	a.history = append(a.history, -m)
	return nil
}

func (a *Account) Balance() Money {
	a.Lock()
	defer a.Unlock()
	return a.balance
}

type Limited struct {
	*Account
	Limit Money
}

func (l Limited) Withdraw(m Money) error {
	if m > l.Limit {
		return &LimitError{l.ID, l.Limit}
	}
	return l.Account.Withdraw(m)
}

type Wallet interface {
	Deposit(Money)
	Withdraw(Money) error
	Balance() Money
}

func Transfer(from, to Wallet, m Money) (err error) {
	if err := from.Withdraw(m); err != nil {
		return fmt.Errorf("transfer: %w", err)
	}
	defer func() {
		if r := recover(); r != nil {
			from.Deposit(m)
			err = fmt.Errorf("transfer rolled back: %v", r)
		}
	}()
	if m == 13 {
		panic("unlucky amount")
	}
	to.Deposit(m)
	return nil
}

func main() {
	ada := &Owner{"Ada", "ada@example.org"}
	a := &Account{Owner: ada, ID: "A1"}
	b := &Account{Owner: &Owner{"Bob", "bob@example.org"}, ID: "B2"}
	lim := Limited{&Account{Owner: ada, ID: "L3"}, 5000}
	a.Deposit(10000)
	lim.Deposit(20000)
	fmt.Println(a.Name, a.Owner, a.Balance(), lim.Name, lim.Balance())

	wallets := map[string]Wallet{"a": a, "b": b, "lim": lim}
	steps := []struct {
		from, to string
		m        Money
	}{{"a", "b", 2550}, {"lim", "b", 6000}, {"lim", "a", 4999}, {"b", "a", 999999}, {"a", "b", 13}}
	for _, s := range steps {
		err := Transfer(wallets[s.from], wallets[s.to], s.m)
		var le *LimitError
		switch {
		case errors.As(err, &le):
			fmt.Println("limit", le.ID, le.Limit, err)
		case errors.Is(err, ErrInsufficient):
			fmt.Println("insufficient:", err)
		case err != nil:
			fmt.Println("other:", err)
		default:
			fmt.Println("ok", s.from, "->", s.to, s.m)
		}
	}
	names := make([]string, 0, len(wallets))
	for k := range wallets {
		names = append(names, k)
	}
	sort.Strings(names)
	var total Money
	for _, k := range names {
		w := wallets[k]
		total += w.Balance()
		fmt.Printf("%-3s %10v %s\n", k, w.Balance(), fmt.Sprint(w.Balance()))
	}
	fmt.Println("total", total, []Money{1, -250, 100000})
	fmt.Printf("%v|%s|%d\n", a.history, a.history, a.history)
	var sb strings.Builder
	fmt.Fprintf(&sb, "%v %+v", a.Owner, *b.Owner)
	fmt.Println(sb.String())

	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b.Deposit(Money(i))
		}()
	}
	wg.Wait()
	fmt.Println(b.Balance(), len(b.history))
}
