DROP TABLE letter_register;
