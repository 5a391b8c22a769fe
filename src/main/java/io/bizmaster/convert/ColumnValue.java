package io.bizmaster.convert;



/** One column of an operation and the expression giving its value; the source text is kept for messages. */
record ColumnValue(String column, Expression expression, String source) {
}
