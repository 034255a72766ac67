DROP TABLE emall_counts;
