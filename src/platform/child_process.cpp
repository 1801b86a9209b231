#include "child_process.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace pipectl {

std::vector<char*> exec_pointers(const std::vector<std::string>& strings) {
  std::vector<char*> result;
  result.reserve(strings.size() + 1);
  for (const std::string& text : strings) result.push_back(const_cast<char*>(text.c_str()));
  result.push_back(nullptr);
  return result;
}

ExecStatusPipe::~ExecStatusPipe() {
  for (int fd : {read_end_, write_end_}) {
    if (fd >= 0) ::close(fd);
  }
}

bool ExecStatusPipe::open() {
  int ends[2];
  if (::pipe2(ends, O_CLOEXEC) != 0) return false;
  read_end_ = ends[0];
  write_end_ = ends[1];
  return true;
}

void ExecStatusPipe::fail_child() const {
  int code = errno;
  [[maybe_unused]] auto written = ::write(write_end_, &code, sizeof code);
  ::_exit(127);
}

int ExecStatusPipe::wait_for_exec() {
  ::close(write_end_);  // the child's end: the read below ends when exec closes the child's copy
  write_end_ = -1;
  int exec_errno = 0;
  ssize_t got;
  do {
    got = ::read(read_end_, &exec_errno, sizeof exec_errno);
  } while (got < 0 && errno == EINTR);
  ::close(read_end_);
  read_end_ = -1;
  return got == static_cast<ssize_t>(sizeof exec_errno) ? exec_errno : 0;
}

}  // namespace pipectl
