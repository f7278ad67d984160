# macOS's route(8) has neither -T nor -fib (issue 17 item 4): usage errors
route -T 1 -n list
route -n add 10.1.0.0/16 192.0.2.1 -fib 1
route -n list -fib 1
