public enum AddressingPlaceholder {}
