import XenAPI
