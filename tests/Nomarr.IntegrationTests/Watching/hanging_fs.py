"""A FUSE filesystem that mirrors a folder and stops answering while a switch file exists.

Usage: hanging_fs.py SOURCE MOUNTPOINT SWITCH

Every call (stat, listing, open, read) made while SWITCH exists waits in the kernel until it is
removed, as calls do on a network share whose server went away. Runs in the foreground as root
(libfuse mounts directly), until unmounted.
"""
import errno
import os
import sys
import time

from fusepy import FUSE, FuseOSError, Operations


class Hanging(Operations):
    def __init__(self, source, switch):
        self.source = source
        self.switch = switch

    def _path(self, path):
        while os.path.exists(self.switch):
            time.sleep(0.05)
        return os.path.join(self.source, path.lstrip("/"))

    def getattr(self, path, fh=None):
        try:
            st = os.lstat(self._path(path))
        except OSError as e:
            raise FuseOSError(e.errno)
        keys = ("st_mode", "st_nlink", "st_uid", "st_gid", "st_size", "st_atime", "st_mtime", "st_ctime")
        attrs = {k: getattr(st, k) for k in keys}
        attrs["st_mtime"] = st.st_mtime_ns / 1e9
        return attrs

    def readdir(self, path, fh):
        try:
            return [".", ".."] + os.listdir(self._path(path))
        except OSError as e:
            raise FuseOSError(e.errno)

    def readlink(self, path):
        return os.readlink(self._path(path))

    def statfs(self, path):
        st = os.statvfs(self._path(path))
        keys = ("f_bavail", "f_bfree", "f_blocks", "f_bsize", "f_favail", "f_ffree", "f_files", "f_flag", "f_frsize", "f_namemax")
        return {k: getattr(st, k) for k in keys}

    def open(self, path, flags):
        if flags & (os.O_WRONLY | os.O_RDWR):
            raise FuseOSError(errno.EROFS)
        return os.open(self._path(path), os.O_RDONLY)

    def read(self, path, size, offset, fh):
        self._path(path)
        return os.pread(fh, size, offset)

    def release(self, path, fh):
        os.close(fh)
        return 0


if __name__ == "__main__":
    source, mountpoint, switch = sys.argv[1:4]
    FUSE(Hanging(source, switch), mountpoint, foreground=True, nothreads=False, ro=True)
