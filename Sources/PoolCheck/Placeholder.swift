import Addressing
