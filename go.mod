module github.com/fountain-go/fountain

go 1.26.0

require (
	github.com/go-zeromq/zmq4 v0.17.0
	github.com/hamba/avro/v2 v2.31.0
	github.com/traefik/yaegi v0.16.1
	golang.org/x/sys v0.49.0
)

require (
	github.com/go-viper/mapstructure/v2 v2.4.0 // indirect
	github.com/go-zeromq/goczmq/v4 v4.2.2 // indirect
	github.com/json-iterator/go v1.1.12 // indirect
	github.com/modern-go/concurrent v0.0.0-20180306012644-bacd9c7ef1dd // indirect
	github.com/modern-go/reflect2 v1.0.2 // indirect
	golang.org/x/sync v0.19.0 // indirect
	golang.org/x/text v0.23.0 // indirect
)
