// Exit stacks: pushed exits must be run by an awaited aclose().
// RUN: %check_acm %s acm-missing-exit-await %t

#include "acm-task.h"

rt::task<> never_closed() {
  ExitStack stack;
  stack.push_async_callback([] {});
  co_return;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit stack 'stack' is not closed before 'co_return'; its pushed exits never run [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit pushed onto 'stack' here
}

rt::task<> entered_context_never_closed() {
  ExitStack stack;
  Resource r;
  co_await stack.enter_async_context(r);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: exit stack 'stack' is not closed before the end of the coroutine; its pushed exits never run [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-3]]:3: note: exit pushed onto 'stack' here

rt::task<> closed() {
  ExitStack stack;
  Resource r;
  co_await stack.enter_async_context(r);
  stack.push_async_callback([] {});
  co_await stack.aclose();
}

// Nothing pushed: nothing to run.
rt::task<> empty_stack() {
  ExitStack stack;
  co_return;
}

// pop_all moves the exits to a new stack, which now owes the aclose.
rt::task<> popped(bool keep) {
  ExitStack stack;
  stack.push_async_callback([] {});
  ExitStack moved = stack.pop_all();
  co_await moved.aclose();
}

rt::task<> popped_not_closed() {
  ExitStack stack;
  stack.push_async_callback([] {});
  ExitStack moved = stack.pop_all();
  co_return;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit stack 'moved' is not closed before 'co_return'; its pushed exits never run [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-4]]:3: note: exit pushed onto 'moved' here
}

// The stack takes over the exit of what it entered.
rt::task<> manager_handed_to_stack() {
  ExitStack stack;
  Resource r;
  co_await stack.enter_async_context(r);
  co_await stack.aclose();
}

// Returning the popped exits hands them to the caller.
rt::value_task<ExitStack> popped_and_returned() {
  ExitStack stack;
  stack.push_async_callback([] {});
  co_return stack.pop_all();
}

// Lent by reference, the stack is still ours to close.
void lend(ExitStack &s);
rt::task<> lent() {
  ExitStack stack;
  stack.push_async_callback([] {});
  lend(stack);
  co_return;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit stack 'stack' is not closed before 'co_return'; its pushed exits never run [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-4]]:3: note: exit pushed onto 'stack' here
}

// A push onto a stack that is entered on some paths keeps their first push:
// the exits pushed in the first 'else' leak first at the 'co_return', not at
// the end of the coroutine.
rt::task<> pushed_again_where_paths_merge() {
  ExitStack stack;
  if (ready()) {
  } else {
    stack.push_async_callback([] {});
  }
  if (ready()) {
  } else {
    stack.push_async_callback([] {});
    co_return;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: exit stack 'stack' is not closed before 'co_return'; its pushed exits never run [acm-missing-exit-await]
    // CHECK-NOTES: :[[@LINE-7]]:5: note: exit pushed onto 'stack' here
  }
}
