%% kernel/include/file.hrl as krarup embeds it: the records of OTP 25's file module.
%% #file_info{} is what file:read_file_info/1,2 and read_link_info/1,2 return (times are
%% {{Y,M,D},{H,Mi,S}}, local time, which is UTC in krarup); #file_descriptor{} is the shape of
%% an open file (krarup's are {file_descriptor, krarup_file, {Handle, Mode}}, see spec.md).
-ifndef(FILE_HRL_).
-define(FILE_HRL_, 1).

-record(file_info,
        {size :: non_neg_integer() | 'undefined',
         type :: 'device' | 'directory' | 'other' | 'regular' | 'symlink' | 'undefined',
         access :: 'read' | 'write' | 'read_write' | 'none' | 'undefined',
         atime, mtime, ctime,
         mode :: non_neg_integer() | 'undefined',
         links :: non_neg_integer() | 'undefined',
         major_device :: non_neg_integer() | 'undefined',
         minor_device :: non_neg_integer() | 'undefined',
         inode :: non_neg_integer() | 'undefined',
         uid :: non_neg_integer() | 'undefined',
         gid :: non_neg_integer() | 'undefined'}).

-record(file_descriptor, {module :: module(), data :: term()}).

-endif.
