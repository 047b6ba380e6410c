// Command fountain is the fountain toolkit: the Jupyter kernel, its
// installer, the evaluator worker the kernel runs, the embedded alert
// testbed and alert tools.
//
//	fountain kernel CONNECTION_FILE
//	fountain install [--user | --sys-prefix | --prefix DIR]
//	fountain testbed [--addr 127.0.0.1:9092] [--topic alerts] [--rate N] [--seed S]
//	fountain alerts cat FILE.avro | --topic T [--from earliest|latest|TIME] [--max N]
//	fountain alerts produce --brokers B --topic T [--rate N]
//	fountain stddocs FILE
//	fountain version
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"github.com/fountain-go/fountain/kernel"
	"github.com/fountain-go/fountain/kernel/worker"
)

const usage = `usage: fountain COMMAND [ARGS]

commands:
  kernel CONNECTION_FILE                         run the Jupyter kernel
  install [--user | --sys-prefix | --prefix DIR] install the kernelspec "fountain"
  testbed [--addr A] [--topic T] [--partitions N] [--rate N] [--speed X] [--seed S] [--cutouts]
                                                 an embedded Kafka broker with a live alert stream
  alerts produce --brokers B --topic T [--rate N] [--max N] ...
                                                 simulated alerts into any Kafka
  alerts cat FILE.avro... | --topic T [--brokers B] [--from F] [--max N]
                                                 alerts as JSON lines
  stddocs FILE                                   write the standard library's docs for
                                                 machines without Go's source (a Docker image)
  version                                        print the version
`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	var err error
	switch cmd, args := os.Args[1], os.Args[2:]; cmd {
	case "kernel":
		if len(args) != 1 {
			err = fmt.Errorf("usage: fountain kernel CONNECTION_FILE")
			break
		}
		err = kernel.Run(context.Background(), args[0])
	case "worker":
		err = worker.Main()
	case "install":
		err = install(args)
	case "testbed":
		err = runTestbed(args)
	case "alerts":
		err = runAlerts(args)
	case "stddocs":
		if len(args) != 1 {
			err = fmt.Errorf("usage: fountain stddocs FILE")
			break
		}
		err = writeStdDocs(args[0])
	case "version", "--version":
		fmt.Printf("fountain %s (%s)\n", kernel.Version, runtime.Version())
	case "help", "-h", "--help":
		fmt.Print(usage)
	default:
		fmt.Fprintf(os.Stderr, "fountain: unknown command %q\n\n%s", cmd, usage)
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "fountain:", err)
		os.Exit(1)
	}
}

func install(args []string) error {
	fs := flag.NewFlagSet("install", flag.ContinueOnError)
	user := fs.Bool("user", false, "install for the current user (the default)")
	sysPrefix := fs.Bool("sys-prefix", false, "install into the Python sys.prefix of Jupyter")
	prefix := fs.String("prefix", "", "install into `DIR`/share/jupyter/kernels")
	if err := fs.Parse(args); err != nil {
		return err
	}
	scope := "user"
	switch {
	case *sysPrefix && *prefix != "", *user && (*sysPrefix || *prefix != ""):
		return fmt.Errorf("install: choose one of --user, --sys-prefix, --prefix")
	case *sysPrefix:
		scope = "sys-prefix"
	case *prefix != "":
		scope = "prefix"
	}
	dir, err := kernel.SpecDir(scope, *prefix)
	if err != nil {
		return err
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	if err := kernel.Install(dir, exe); err != nil {
		return err
	}
	fmt.Printf("installed kernelspec %s (%s) in %s\n", kernel.SpecName, kernel.DisplayName, dir)
	return nil
}

// writeStdDocs writes the standard library's documentation file (see
// worker.StdDocsEnv), making its directory.
func writeStdDocs(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := worker.WriteStdDocs(f); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	return f.Close()
}
