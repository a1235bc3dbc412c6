"""The text toolkit: one place for each fact about words, sentences, numbers, dates, acronyms and
the words the project itself adds (the message catalogue). Every reader, edition and writer uses
these; none has its own word pattern, month list or sentence splitter."""
